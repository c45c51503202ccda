package com.flash.backoffice.workflows.approval;

import io.temporal.activity.ActivityInterface;

/**
 * The approvals inbox as the requesting workflows keep it, on its own task queue ({@value #TASK_QUEUE}) so a host
 * workflow's worker needs nothing registered for it. Each call is idempotent by the request's subject id.
 */
@ActivityInterface(namePrefix = "Approval")
public interface ApprovalActivities {

    String TASK_QUEUE = "approvals";

    /** Shows the request in its approvers' inbox; opening it again changes nothing. */
    void open(ApprovalOpening opening);

    /** Stores the decision, the request's new state and the audit entry in one database transaction. */
    void record(ApprovalRecording recording);

    /** Mails the approver group once (a request reminded, or no longer pending, is not mailed again). */
    void remind(ApprovalReminder reminder);

    /** Ends the request undecided, audited. */
    void close(ApprovalClosing closing);
}
