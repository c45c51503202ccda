package com.flash.backoffice.portal.workflow;

import java.time.Instant;
import java.util.List;

/** Everything the detail page shows: status, input, what the workflow waits for, and its history. */
public record WorkflowDetail(
        WorkflowSummary summary,
        String input,
        List<PendingActivity> pendingActivities,
        List<String> waitingFor,
        List<TimelineEvent> timeline) {

    public record PendingActivity(
            String activityId, String activityType, String state, int attempt, String lastFailure) {}

    public record TimelineEvent(long eventId, Instant at, String type, String details) {}

    public boolean isRunning() {
        return summary.closedAt() == null;
    }
}
