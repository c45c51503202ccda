package com.flash.backoffice.workflows.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.report.ReportExportStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The export workflow's orchestration with time skipping and in-memory activities (the portal tests the real ones). */
class ReportExportWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(ReportExportWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    /** Fails the first {@code failures} exports with {@code failure}, then succeeds; records every fail call. */
    static final class ScriptedActivities implements ReportExportActivities {
        final AtomicInteger exports = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final int failing;
        final RuntimeException failure;

        ScriptedActivities(int failing, RuntimeException failure) {
            this.failing = failing;
            this.failure = failure;
        }

        @Override
        public ReportExportOutcome export(String exportId) {
            if (exports.incrementAndGet() <= failing) {
                throw failure;
            }
            return ReportExportOutcome.done(exportId, 42, 1000, exportId + ".csv");
        }

        @Override
        public ReportExportOutcome fail(String exportId, String error) {
            failures.add(error);
            return ReportExportOutcome.failed(exportId, error);
        }
    }

    private static ReportExportOutcome run(
            TestWorkflowEnvironment env, WorkflowClient client, ScriptedActivities activities) {
        ReportExportWorker.register(env.newWorker(ReportExportWorkflow.TASK_QUEUE), activities);
        env.start();
        return client.newWorkflowStub(ReportExportWorkflow.class, ReportExportWorkflows.options("e1"))
                .run(new ReportExportRequest("e1"));
    }

    @Test
    void an_export_that_succeeds_returns_its_outcome_without_recording_a_failure(
            TestWorkflowEnvironment env, WorkflowClient client) {
        ScriptedActivities activities = new ScriptedActivities(0, null);

        ReportExportOutcome outcome = run(env, client, activities);

        assertThat(outcome).isEqualTo(ReportExportOutcome.done("e1", 42, 1000, "e1.csv"));
        assertThat(activities.failures).isEmpty();
    }

    @Test
    void a_transient_failure_is_retried_and_the_export_still_completes(
            TestWorkflowEnvironment env, WorkflowClient client) {
        ScriptedActivities activities =
                new ScriptedActivities(ReportExportWorkflowImpl.EXPORT_ATTEMPTS - 1, new IllegalStateException("db"));

        ReportExportOutcome outcome = run(env, client, activities);

        assertThat(outcome.status()).isEqualTo(ReportExportStatus.DONE);
        assertThat(activities.exports).hasValue(ReportExportWorkflowImpl.EXPORT_ATTEMPTS);
        assertThat(activities.failures).isEmpty();
    }

    @Test
    void after_the_last_attempt_fails_the_export_is_recorded_failed_once(
            TestWorkflowEnvironment env, WorkflowClient client) {
        ScriptedActivities activities =
                new ScriptedActivities(Integer.MAX_VALUE, new IllegalStateException("disk full"));

        ReportExportOutcome outcome = run(env, client, activities);

        assertThat(outcome.status()).isEqualTo(ReportExportStatus.FAILED);
        assertThat(activities.exports).hasValue(ReportExportWorkflowImpl.EXPORT_ATTEMPTS);
        assertThat(activities.failures).containsExactly("disk full");
    }

    @Test
    void a_non_retryable_failure_is_recorded_without_retrying(TestWorkflowEnvironment env, WorkflowClient client) {
        ScriptedActivities activities = new ScriptedActivities(
                Integer.MAX_VALUE, ApplicationFailure.newNonRetryableFailure("no report named x", "REPORT_NOT_FOUND"));

        ReportExportOutcome outcome = run(env, client, activities);

        assertThat(outcome.status()).isEqualTo(ReportExportStatus.FAILED);
        assertThat(activities.exports).hasValue(1);
        assertThat(activities.failures).containsExactly("no report named x");
    }
}
