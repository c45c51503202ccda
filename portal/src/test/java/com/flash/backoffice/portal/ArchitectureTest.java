package com.flash.backoffice.portal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The module and package rules of CONVENTIONS.md, over the production classes of every module. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.flash.backoffice");

    @Test
    void db_depends_on_no_other_module() {
        noClasses()
                .that()
                .resideInAPackage("com.flash.backoffice.db..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.flash.backoffice.workflows..",
                        "com.flash.backoffice.reports..",
                        "com.flash.backoffice.portal..")
                .check(CLASSES);
    }

    @Test
    void workflows_and_reports_depend_only_on_db() {
        noClasses()
                .that()
                .resideInAPackage("com.flash.backoffice.workflows..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.flash.backoffice.reports..", "com.flash.backoffice.portal..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("com.flash.backoffice.reports..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.flash.backoffice.workflows..", "com.flash.backoffice.portal..")
                .allowEmptyShould(true) // the reports module holds no classes until its first report lands
                .check(CLASSES);
    }

    @Test
    void portal_features_have_no_cycles() {
        slices().matching("com.flash.backoffice.portal.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void views_never_touch_repositories_or_generated_jooq_code() {
        noClasses()
                .that()
                .resideInAPackage("..ui..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("com.flash.backoffice.db.jooq..")
                .check(CLASSES);
    }

    @Test
    void the_portal_never_touches_workflow_or_activity_implementations() {
        noClasses()
                .that()
                .resideInAPackage("com.flash.backoffice.portal..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Impl")
                .check(CLASSES);
    }

    @Test
    void views_call_only_their_own_features_service() {
        classes()
                .that()
                .resideInAPackage("com.flash.backoffice.portal.(*).ui..")
                .should(useOnlyTheirFeaturesServices())
                .check(CLASSES);
    }

    /** The only pages open without login: the buyer's checkout, refund claim, and the card holder's activation. */
    static final String[] CUSTOMER_PAGES = {
        "com.flash.backoffice.portal.checkout.ui",
        "com.flash.backoffice.portal.refund.claim.ui",
        "com.flash.backoffice.portal.card.activation.ui"
    };

    @Test
    void views_are_package_private_and_role_guarded() {
        classes()
                .that()
                .areAnnotatedWith(Route.class)
                .and()
                .resideOutsideOfPackages(CUSTOMER_PAGES)
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .andShould()
                .beAnnotatedWith(RolesAllowed.class)
                .check(CLASSES);
    }

    @Test
    void only_the_customers_pages_are_open_without_login() {
        classes()
                .that()
                .areAnnotatedWith(AnonymousAllowed.class)
                .should()
                .resideInAnyPackage(CUSTOMER_PAGES)
                .andShould()
                .notHaveModifier(JavaModifier.PUBLIC)
                .check(CLASSES);
    }

    @Test
    void every_public_service_method_is_role_guarded() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(Service.class)
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage("com.flash.backoffice.portal..")
                .and()
                .arePublic()
                .and()
                .doNotHaveFullName(SCHEDULED_PAYOUT_REQUEST)
                .should()
                .beAnnotatedWith(PreAuthorize.class)
                .check(CLASSES);
    }

    /** The one public service method without a role check: no one is signed in when a schedule requests a payout. */
    static final String SCHEDULED_PAYOUT_REQUEST = "com.flash.backoffice.portal.payout.PayoutService.requestScheduled("
            + "java.lang.String, java.lang.String, com.flash.backoffice.db.money.Msat, java.lang.String)";

    @Test
    void only_the_settlement_port_requests_scheduled_payouts() {
        noClasses()
                .that()
                .resideOutsideOfPackage("com.flash.backoffice.portal.settlement")
                .and()
                .doNotHaveFullyQualifiedName("com.flash.backoffice.portal.payout.PayoutService")
                .should()
                .callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "is PayoutService.requestScheduled",
                        call -> call.getTarget().getFullName().equals(SCHEDULED_PAYOUT_REQUEST)))
                .check(CLASSES);
    }

    @Test
    void injection_is_through_constructors_only() {
        noFields().should().beAnnotatedWith(Autowired.class).check(CLASSES);
    }

    @Test
    void layouts_and_error_views_are_open_to_every_signed_in_user_only() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Layout")
                .and()
                .resideInAPackage("com.flash.backoffice.portal..")
                .should()
                .beAnnotatedWith(PermitAll.class)
                .check(CLASSES);
    }

    /** A feature's services live in its root package or in a sub-feature of it (e.g. {@code report.schedule}). */
    private static boolean inFeature(String packageName, String feature) {
        String root = "com.flash.backoffice.portal." + feature;
        return packageName.equals(root) || packageName.startsWith(root + ".") && !packageName.endsWith(".ui");
    }

    private static ArchCondition<JavaClass> useOnlyTheirFeaturesServices() {
        Pattern feature = Pattern.compile("com\\.flash\\.backoffice\\.portal\\.([^.]+)\\..*");
        return new ArchCondition<>("use only the services of their own feature") {
            @Override
            public void check(JavaClass view, ConditionEvents events) {
                Matcher viewFeature = feature.matcher(view.getPackageName() + ".");
                if (!viewFeature.matches()) {
                    return;
                }
                view.getDirectDependenciesFromSelf().stream()
                        .map(dependency -> dependency.getTargetClass())
                        .filter(target -> target.isAnnotatedWith(Service.class))
                        .filter(target -> target.getPackageName().startsWith("com.flash.backoffice.portal."))
                        .filter(target -> !inFeature(target.getPackageName(), viewFeature.group(1)))
                        .distinct()
                        .forEach(service -> events.add(SimpleConditionEvent.violated(
                                view, view.getName() + " uses another feature's service " + service.getName())));
            }
        };
    }
}
