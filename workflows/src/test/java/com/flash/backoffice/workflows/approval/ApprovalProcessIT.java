package com.flash.backoffice.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.db.approval.ApprovalRequest;
import com.flash.backoffice.db.approval.ApprovalStatus;
import com.flash.backoffice.db.approval.Decision;
import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.testsupport.TestDatabase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The approval rules inside a workflow, with time skipping: a test-only host workflow runs {@link ApprovalProcess}
 * and the real inbox activities write to MariaDB. Every refusal is the workflow's validator speaking.
 */
class ApprovalProcessIT {

    static final long AUTO_BELOW = 1_000_000L;
    static final long TWO_ABOVE = 100_000_000L;
    static final Duration REMIND_AFTER = Duration.ofHours(4);
    static final Duration DEADLINE = Duration.ofDays(2);
    static final ApprovalPolicy POLICY = new ApprovalPolicy("FINANCE", AUTO_BELOW, TWO_ABOVE, REMIND_AFTER, DEADLINE);
    static final Set<String> FINANCE = Set.of("FINANCE");

    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(ApprovalHostWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    private static TestDatabase database;
    private static ApprovalRepository approvals;
    private static AuditLogRepository auditLog;

    private RecordingReminders reminders;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("approval_process_it");
        approvals = new ApprovalRepository(database.dsl());
        auditLog = new AuditLogRepository(database.dsl());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void startWorkers(TestWorkflowEnvironment env) {
        reminders = new RecordingReminders();
        env.newWorker(ApprovalHostWorkflow.TASK_QUEUE)
                .registerWorkflowImplementationTypes(ApprovalHostWorkflowImpl.class);
        env.newWorker(ApprovalActivities.TASK_QUEUE)
                .registerActivitiesImplementations(new ApprovalActivitiesImpl(database.dsl(), reminders));
        env.start();
    }

    /** Starts a host for {@code amountMsat} requested by sam and waits until its inbox row is open. */
    private static ApprovalHostWorkflow start(WorkflowClient client, long amountMsat) {
        String id = "payout-" + IDS.incrementAndGet() + "-" + System.nanoTime();
        ApprovalHostWorkflow host = client.newWorkflowStub(
                ApprovalHostWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(id)
                        .setTaskQueue(ApprovalHostWorkflow.TASK_QUEUE)
                        .build());
        WorkflowClient.start(
                host::run,
                new ApprovalSubject(ApprovalKind.PAYOUT, id, id, null, amountMsat, "sam", "to bc1q test"),
                POLICY);
        return host;
    }

    private static String subjectId(ApprovalHostWorkflow host) {
        return WorkflowStub.fromTyped(host).getExecution().getWorkflowId();
    }

    private static ApprovalRequest row(ApprovalHostWorkflow host) {
        return approvals.find(subjectId(host)).orElseThrow();
    }

    private static void awaitOpened(ApprovalHostWorkflow host) {
        long until = System.currentTimeMillis() + 10_000;
        while (approvals.find(subjectId(host)).isEmpty()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("the inbox row of " + subjectId(host) + " was never opened");
            }
            Thread.onSpinWait();
        }
    }

    private static ApprovalDecision approve(String who, Set<String> roles, long revision) {
        return new ApprovalDecision(who, roles, ApprovalVerdict.APPROVE, null, revision);
    }

    private static ApprovalDecision reject(String who, String reason, long revision) {
        return new ApprovalDecision(who, FINANCE, ApprovalVerdict.REJECT, reason, revision);
    }

    /** The validator's refusal as the client sees it: the update failed, caused by an ApplicationFailure. */
    private static String refusal(ApprovalHostWorkflow host, ApprovalDecision decision) {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(
                WorkflowUpdateException.class, () -> host.decide(decision));
        assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
        return ((ApplicationFailure) thrown.getCause()).getOriginalMessage();
    }

    private static List<AuditEntry> audits(ApprovalHostWorkflow host) {
        return auditLog.find(AuditQuery.all(0, 1000)).stream()
                .filter(entry -> subjectId(host).equals(entry.targetId()))
                .toList();
    }

    @Test
    void one_finance_approval_approves_a_payout_and_writes_decision_row_inbox_row_and_audit_entry(
            WorkflowClient client) {
        ApprovalHostWorkflow host = start(client, 5_000_000L);
        awaitOpened(host);

        ApprovalResult result = host.decide(approve("fiona", FINANCE, 0));

        assertThat(result).isEqualTo(new ApprovalResult(1, ApprovalOutcome.APPROVED, 0));
        assertThat(WorkflowStub.fromTyped(host).getResult(ApprovalOutcome.class))
                .isEqualTo(ApprovalOutcome.APPROVED);
        ApprovalRequest row = row(host);
        assertThat(row.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(row.revision()).isEqualTo(1);
        assertThat(row.approvalsGiven()).isEqualTo(1);
        assertThat(row.decidedAt()).isNotNull();
        assertThat(approvals.decisions(subjectId(host)))
                .singleElement()
                .extracting(Decision::decidedBy)
                .isEqualTo("fiona");
        assertThat(audits(host)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("fiona");
            assertThat(entry.actorRoles()).containsExactly("FINANCE");
            assertThat(entry.action()).isEqualTo("approval.approve");
            assertThat(entry.afterJson()).contains("\"status\":\"APPROVED\"");
        });
    }

    @Test
    void the_requester_is_refused_by_the_workflow(WorkflowClient client) {
        ApprovalHostWorkflow host = start(client, 5_000_000L);
        awaitOpened(host);

        assertThat(refusal(host, approve("sam", FINANCE, 0)))
                .isEqualTo("You requested this, so someone else must decide it.");

        assertThat(host.decisions()).isEmpty();
        assertThat(row(host).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(approvals.decisions(subjectId(host))).isEmpty();
    }

    @Test
    void an_admin_without_finance_is_refused_by_the_workflow(WorkflowClient client) {
        ApprovalHostWorkflow host = start(client, 5_000_000L);
        awaitOpened(host);

        assertThat(refusal(host, approve("ada", Set.of("ADMIN"), 0)))
                .isEqualTo("Only FINANCE can decide this request (ADMIN is no substitute).");

        assertThat(host.decisions()).isEmpty();
        assertThat(audits(host)).isEmpty();
    }

    @Test
    void above_the_high_limit_two_distinct_approvers_are_needed_and_the_same_one_twice_is_refused(
            WorkflowClient client) {
        ApprovalHostWorkflow host = start(client, TWO_ABOVE + 1);
        awaitOpened(host);

        ApprovalResult first = host.decide(approve("fiona", FINANCE, 0));
        String again = refusal(host, approve("fiona", FINANCE, 1));
        ApprovalRequest between = row(host);
        ApprovalResult second = host.decide(approve("fred", Set.of("FINANCE", "ADMIN"), 1));

        assertThat(first).isEqualTo(new ApprovalResult(1, null, 1));
        assertThat(again).contains("already approved");
        assertThat(between.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(between.approvalsNeeded()).isEqualTo(2);
        assertThat(between.approvalsGiven()).isEqualTo(1);
        assertThat(between.revision()).isEqualTo(1);
        assertThat(second).isEqualTo(new ApprovalResult(2, ApprovalOutcome.APPROVED, 0));
        assertThat(WorkflowStub.fromTyped(host).getResult(ApprovalOutcome.class))
                .isEqualTo(ApprovalOutcome.APPROVED);
        assertThat(host.decisions()).extracting(RecordedDecision::decidedBy).containsExactly("fiona", "fred");
        assertThat(row(host).approvalsGiven()).isEqualTo(2);
        assertThat(audits(host)).hasSize(2);
    }

    @Test
    void a_decision_on_a_stale_revision_is_refused(WorkflowClient client) {
        ApprovalHostWorkflow host = start(client, TWO_ABOVE + 1);
        awaitOpened(host);
        host.decide(approve("fiona", FINANCE, 0));

        String stale = refusal(host, approve("fred", FINANCE, 0));

        assertThat(stale).startsWith("Stale revision").contains("revision 0", "revision 1");
        assertThat(host.revision()).isEqualTo(1);
        assertThat(host.decisions()).hasSize(1);
    }

    @Test
    void two_approvers_deciding_the_same_revision_at_once_cannot_both_count(WorkflowClient client) throws Exception {
        ApprovalHostWorkflow host = start(client, TWO_ABOVE + 1);
        awaitOpened(host);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<String>> answers = pool.invokeAll(List.of(
                    () -> answer(host, approve("fiona", FINANCE, 0)), () -> answer(host, approve("fred", FINANCE, 0))));

            List<String> results = new java.util.ArrayList<>();
            for (var answer : answers) {
                results.add(answer.get());
            }
            assertThat(results).filteredOn(r -> r.equals("taken")).hasSize(1);
            assertThat(results).filteredOn(r -> r.startsWith("Stale revision")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(host.decisions()).hasSize(1);
        assertThat(row(host).approvalsGiven()).isEqualTo(1);
        assertThat(row(host).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    private static String answer(ApprovalHostWorkflow host, ApprovalDecision decision) {
        try {
            host.decide(decision);
            return "taken";
        } catch (WorkflowUpdateException refused) {
            return ((ApplicationFailure) refused.getCause()).getOriginalMessage();
        }
    }

    @Test
    void a_rejection_without_a_reason_is_refused(WorkflowClient client) {
        ApprovalHostWorkflow host = start(client, 5_000_000L);
        awaitOpened(host);

        assertThat(refusal(host, reject("fiona", " ", 0))).isEqualTo("A rejection needs a reason.");

        assertThat(row(host).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void one_rejection_rejects_even_after_a_first_approval(WorkflowClient client) {
        ApprovalHostWorkflow host = start(client, TWO_ABOVE + 1);
        awaitOpened(host);
        host.decide(approve("fiona", FINANCE, 0));

        ApprovalResult rejected = host.decide(reject("fred", "the destination is not the merchant's", 1));

        assertThat(rejected).isEqualTo(new ApprovalResult(2, ApprovalOutcome.REJECTED, 0));
        assertThat(WorkflowStub.fromTyped(host).getResult(ApprovalOutcome.class))
                .isEqualTo(ApprovalOutcome.REJECTED);
        assertThat(row(host).status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(approvals.decisions(subjectId(host)))
                .extracting(Decision::reason)
                .containsExactly(null, "the destination is not the merchant's");
        assertThat(audits(host))
                .filteredOn(entry -> entry.action().equals("approval.reject"))
                .singleElement()
                .extracting(AuditEntry::reason)
                .isEqualTo("the destination is not the merchant's");
    }

    @Test
    void below_the_auto_approve_limit_the_request_is_approved_without_an_inbox_row(WorkflowClient client) {
        ApprovalHostWorkflow host = start(client, AUTO_BELOW - 1);

        ApprovalOutcome outcome = WorkflowStub.fromTyped(host).getResult(ApprovalOutcome.class);

        assertThat(outcome).isEqualTo(ApprovalOutcome.AUTO_APPROVED);
        assertThat(approvals.find(subjectId(host))).isEmpty();
    }

    @Test
    void the_approvers_are_reminded_once_at_the_set_age(TestWorkflowEnvironment env, WorkflowClient client) {
        ApprovalHostWorkflow host = start(client, 5_000_000L);
        awaitOpened(host);

        env.sleep(REMIND_AFTER.minusMinutes(1));
        assertThat(reminders.subjects()).doesNotContain(subjectId(host));
        env.sleep(Duration.ofMinutes(2));

        assertThat(reminders.subjects()).containsOnlyOnce(subjectId(host));
        assertThat(row(host).remindedAt()).isNotNull();
        assertThat(row(host).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(host.decide(approve("fiona", FINANCE, 0)).outcome()).isEqualTo(ApprovalOutcome.APPROVED);
    }

    @Test
    void at_the_deadline_an_undecided_request_expires_and_refuses_later_decisions(
            TestWorkflowEnvironment env, WorkflowClient client) {
        ApprovalHostWorkflow host = start(client, 5_000_000L);
        awaitOpened(host);
        long startedAt = env.currentTimeMillis();

        ApprovalOutcome outcome = WorkflowStub.fromTyped(host).getResult(ApprovalOutcome.class);

        assertThat(outcome).isEqualTo(ApprovalOutcome.EXPIRED);
        assertThat(env.currentTimeMillis() - startedAt).isGreaterThanOrEqualTo(DEADLINE.toMillis() - 1_000);
        assertThat(reminders.subjects()).containsOnlyOnce(subjectId(host));
        ApprovalRequest row = row(host);
        assertThat(row.status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(audits(host)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("approval.expired");
            assertThat(entry.actor()).isEqualTo(ApprovalProcess.EXPIRED_BY);
        });
        assertThat(approvals.inbox("FINANCE", 0, 1000))
                .extracting(ApprovalRequest::subjectId)
                .doesNotContain(subjectId(host));
    }

    @Test
    void a_withdrawn_request_is_closed_and_refuses_decisions(WorkflowClient client) {
        ApprovalHostWorkflow host = start(client, 5_000_000L);
        awaitOpened(host);

        host.withdraw("sam", "typo in the address");
        ApprovalOutcome outcome = WorkflowStub.fromTyped(host).getResult(ApprovalOutcome.class);

        assertThat(outcome).isEqualTo(ApprovalOutcome.CANCELLED);
        assertThat(row(host).status()).isEqualTo(ApprovalStatus.CANCELLED);
        assertThat(audits(host)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("approval.cancelled");
            assertThat(entry.actor()).isEqualTo("sam");
            assertThat(entry.reason()).isEqualTo("typo in the address");
        });
        assertThatThrownBy(() -> host.decide(approve("fiona", FINANCE, 0))).isInstanceOf(RuntimeException.class);
    }
}
