package com.flash.backoffice.workflows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.workflows.approval.ApprovalProcess;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Workflow code is replayed: it must decide the same way every time, so a {@code *WorkflowImpl} (with its lambdas
 * and nested classes) reads time, randomness and ids only through {@code Workflow}, and never does I/O, starts
 * threads or reaches Spring beans or the database. Each forbidden kind has a fixture below that the rule must catch.
 */
class WorkflowDeterminismTest {

    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.flash.backoffice.workflows");

    private static final Set<String> CLOCK_READS =
            Set.of("now", "currentTimeMillis", "nanoTime", "randomUUID", "random");

    /** Workflow code outside a {@code *WorkflowImpl}: helpers the workflows run inside themselves. */
    static final Set<String> WORKFLOW_HELPERS =
            Set.of(ApprovalProcess.class.getName(), "com.flash.backoffice.workflows.invoice.ParkOnLedgerRefusal");

    static final DescribedPredicate<JavaClass> WORKFLOW_IMPLEMENTATIONS = DescribedPredicate.describe(
            "are *WorkflowImpl classes or workflow helpers (with their nested classes)",
            WorkflowDeterminismTest::isOrIsInsideAWorkflowImpl);

    static final DescribedPredicate<JavaAccess<?>> NON_DETERMINISTIC_CALLS = DescribedPredicate.describe(
            "read the clock, a random number or a random UUID (use Workflow.currentTimeMillis, newRandom, randomUUID)",
            access -> CLOCK_READS.contains(access.getTarget().getName())
                    && Stream.of("java.time.", "java.lang.System", "java.util.UUID", "java.lang.Math")
                            .anyMatch(access.getTargetOwner().getName()::startsWith));

    static final ArchRule WORKFLOWS_ARE_DETERMINISTIC = noClasses()
            .that(WORKFLOW_IMPLEMENTATIONS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "java.io..",
                    "java.nio.file..",
                    "java.net..",
                    "java.sql..",
                    "javax.sql..",
                    "java.util.concurrent..",
                    "org.springframework..",
                    "org.jooq..")
            .orShould()
            .dependOnClassesThat()
            .belongToAnyOf(Clock.class, Random.class, SecureRandom.class, Thread.class, ThreadGroup.class)
            .orShould()
            .accessTargetWhere(NON_DETERMINISTIC_CALLS)
            .because("workflow code is replayed and must make the same decisions every time");

    private static boolean isOrIsInsideAWorkflowImpl(JavaClass javaClass) {
        for (Optional<JavaClass> c = Optional.of(javaClass);
                c.isPresent();
                c = c.get().getEnclosingClass()) {
            if (c.get().getSimpleName().endsWith("WorkflowImpl")
                    || WORKFLOW_HELPERS.contains(c.get().getName())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void the_shipped_workflow_implementations_are_deterministic() {
        assertThat(PRODUCTION.that(WORKFLOW_IMPLEMENTATIONS)).hasSizeGreaterThanOrEqualTo(5);

        WORKFLOWS_ARE_DETERMINISTIC.check(PRODUCTION);
    }

    @Test
    void the_workflow_helpers_are_checked_as_workflow_code() {
        assertThat(PRODUCTION.that(WORKFLOW_IMPLEMENTATIONS).stream().map(JavaClass::getName))
                .containsAll(WORKFLOW_HELPERS);
    }

    static List<Class<?>> violations() {
        return List.of(
                ClockFieldWorkflowImpl.class,
                InstantNowWorkflowImpl.class,
                LocalDateTimeNowWorkflowImpl.class,
                SystemTimeWorkflowImpl.class,
                NanoTimeWorkflowImpl.class,
                RandomWorkflowImpl.class,
                SecureRandomWorkflowImpl.class,
                MathRandomWorkflowImpl.class,
                RandomUuidWorkflowImpl.class,
                ThreadWorkflowImpl.class,
                ExecutorWorkflowImpl.class,
                FileWorkflowImpl.class,
                PathWorkflowImpl.class,
                NetworkWorkflowImpl.class,
                JdbcWorkflowImpl.class,
                SpringBeanWorkflowImpl.class,
                JooqWorkflowImpl.class,
                LambdaReadingTheClockWorkflowImpl.class);
    }

    static final JavaClasses FIXTURES = new ClassFileImporter()
            .importClasses(Stream.concat(violations().stream(), Stream.of(InstantNowActivities.class))
                    .toList());

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void the_rule_catches_a_workflow_implementation_that(Class<?> fixture) {
        JavaClasses imported = FIXTURES.that(DescribedPredicate.equalTo(FIXTURES.get(fixture)));

        assertThatThrownBy(() -> WORKFLOWS_ARE_DETERMINISTIC.check(imported))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(fixture.getSimpleName());
    }

    @Test
    void the_rule_lets_the_same_code_pass_in_a_class_that_is_not_a_workflow_implementation() {
        JavaClasses imported = FIXTURES.that(DescribedPredicate.equalTo(FIXTURES.get(InstantNowActivities.class)));

        WORKFLOWS_ARE_DETERMINISTIC.allowEmptyShould(true).check(imported);
    }

    static class ClockFieldWorkflowImpl {
        final Clock clock = Clock.systemUTC();
    }

    static class InstantNowWorkflowImpl {
        Instant now() {
            return Instant.now();
        }
    }

    static class LocalDateTimeNowWorkflowImpl {
        LocalDateTime now() {
            return LocalDateTime.now();
        }
    }

    static class SystemTimeWorkflowImpl {
        long now() {
            return System.currentTimeMillis();
        }
    }

    static class NanoTimeWorkflowImpl {
        long now() {
            return System.nanoTime();
        }
    }

    static class RandomWorkflowImpl {
        int pick() {
            return new Random().nextInt();
        }
    }

    static class SecureRandomWorkflowImpl {
        int pick() {
            return new SecureRandom().nextInt();
        }
    }

    static class MathRandomWorkflowImpl {
        double pick() {
            return Math.random();
        }
    }

    static class RandomUuidWorkflowImpl {
        String id() {
            return UUID.randomUUID().toString();
        }
    }

    static class ThreadWorkflowImpl {
        void pause() throws InterruptedException {
            Thread.sleep(10);
        }
    }

    static class ExecutorWorkflowImpl {
        void fork() {
            Executors.newSingleThreadExecutor().shutdown();
        }
    }

    static class FileWorkflowImpl {
        boolean exists() {
            return new File("x").exists();
        }
    }

    static class PathWorkflowImpl {
        boolean exists() {
            return Files.exists(Path.of("x"));
        }
    }

    static class NetworkWorkflowImpl {
        String host() {
            return URI.create("http://127.0.0.1").getHost();
        }
    }

    static class JdbcWorkflowImpl {
        int timeout() {
            return DriverManager.getLoginTimeout();
        }
    }

    static class SpringBeanWorkflowImpl {
        org.springframework.context.ApplicationContext context;
    }

    static class JooqWorkflowImpl {
        org.jooq.DSLContext ctx;
    }

    static class LambdaReadingTheClockWorkflowImpl {
        Supplier<Instant> later() {
            return () -> Instant.now();
        }
    }

    static class InstantNowActivities {
        Instant now() {
            return Instant.now();
        }
    }
}
