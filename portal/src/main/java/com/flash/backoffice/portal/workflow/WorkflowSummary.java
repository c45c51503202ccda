package com.flash.backoffice.portal.workflow;

import java.time.Instant;

/** One row of the Workflows view. {@code closedAt} is null while the workflow runs. */
public record WorkflowSummary(
        String workflowId,
        String runId,
        String type,
        String status,
        Instant startedAt,
        Instant closedAt,
        long historyLength,
        String taskQueue) {}
