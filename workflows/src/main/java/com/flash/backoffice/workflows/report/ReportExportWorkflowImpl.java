package com.flash.backoffice.workflows.report;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class ReportExportWorkflowImpl implements ReportExportWorkflow {

    static final int EXPORT_ATTEMPTS = 3;

    /** Large exports run for minutes; the heartbeat timeout notices a dead worker much sooner. */
    private final ReportExportActivities exports = Workflow.newActivityStub(
            ReportExportActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofHours(2))
                    .setHeartbeatTimeout(Duration.ofMinutes(1))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(5))
                            .setMaximumAttempts(EXPORT_ATTEMPTS)
                            .build())
                    .build());

    private final ReportExportActivities bookkeeping = Workflow.newActivityStub(
            ReportExportActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .build())
                    .build());

    @Override
    public ReportExportOutcome run(ReportExportRequest request) {
        try {
            return exports.export(request.exportId());
        } catch (ActivityFailure failure) {
            String reason = failure.getCause() instanceof ApplicationFailure application
                    ? application.getOriginalMessage()
                    : failure.getMessage();
            return bookkeeping.fail(request.exportId(), reason);
        }
    }
}
