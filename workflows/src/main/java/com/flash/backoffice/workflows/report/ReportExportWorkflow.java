package com.flash.backoffice.workflows.report;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One workflow per background report export, id {@code report-export-<export id>}: writes the file through
 * {@link ReportExportActivities#export} (heartbeating its progress) and records a failure when every attempt failed.
 */
@WorkflowInterface
public interface ReportExportWorkflow {

    String TASK_QUEUE = "reports";

    static String workflowId(String exportId) {
        return "report-export-" + exportId;
    }

    @WorkflowMethod
    ReportExportOutcome run(ReportExportRequest request);
}
