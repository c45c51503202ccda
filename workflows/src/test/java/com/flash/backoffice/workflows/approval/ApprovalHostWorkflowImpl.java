package com.flash.backoffice.workflows.approval;

import io.temporal.workflow.Workflow;
import java.util.List;

public class ApprovalHostWorkflowImpl implements ApprovalHostWorkflow {

    private ApprovalProcess approval;
    private long revision;

    @Override
    public ApprovalOutcome run(ApprovalSubject subject, ApprovalPolicy policy) {
        approval = new ApprovalProcess(subject, policy);
        return approval.await();
    }

    @Override
    public void validateDecision(ApprovalDecision decision) {
        if (approval == null) {
            throw new IllegalArgumentException("not started yet");
        }
        approval.validate(decision, revision);
    }

    @Override
    public ApprovalResult decide(ApprovalDecision decision) {
        revision++;
        return approval.apply(decision, revision);
    }

    @Override
    public void withdraw(String by, String reason) {
        Workflow.await(() -> approval != null);
        approval.cancel(by, reason);
    }

    @Override
    public List<RecordedDecision> decisions() {
        return approval == null ? List.of() : approval.decisions();
    }

    @Override
    public long revision() {
        return revision;
    }
}
