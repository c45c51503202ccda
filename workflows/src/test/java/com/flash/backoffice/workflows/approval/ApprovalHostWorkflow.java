package com.flash.backoffice.workflows.approval;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Test only: the smallest requesting workflow, hosting an {@link ApprovalProcess} the way a payout does. Its revision
 * goes up with every decision.
 */
@WorkflowInterface
public interface ApprovalHostWorkflow extends ApprovalRequired {

    String TASK_QUEUE = "approval-host-test";

    @WorkflowMethod
    ApprovalOutcome run(ApprovalSubject subject, ApprovalPolicy policy);

    @SignalMethod
    void withdraw(String by, String reason);

    @QueryMethod
    List<RecordedDecision> decisions();

    @QueryMethod
    long revision();
}
