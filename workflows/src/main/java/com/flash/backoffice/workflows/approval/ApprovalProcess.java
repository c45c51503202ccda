package com.flash.backoffice.workflows.approval;

// TEMPORARY compile stand-in on the lead's branch; replaced by the approval helper's class at merge.
public final class ApprovalProcess {
    public ApprovalProcess(ApprovalSubject subject, ApprovalPolicy policy) {}

    public ApprovalOutcome await() {
        throw new UnsupportedOperationException();
    }

    public void validate(ApprovalDecision decision, long currentRevision) {}

    public ApprovalResult apply(ApprovalDecision decision, long newRevision) {
        throw new UnsupportedOperationException();
    }

    public void cancel(String by, String reason) {}
}
