package com.flash.backoffice.db.approval;

public enum Verdict {
    APPROVE,
    REJECT
}
