package com.flash.backoffice.workflows.approval;

public enum ApprovalVerdict {
    APPROVE,
    REJECT
}
