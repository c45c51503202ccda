package com.flash.backoffice.workflows.refund;

/** Why a refund command was refused (the type of its {@code ApplicationFailure}). */
public enum RefundFailure {
    INVALID_STATE,
    OLD_REVISION,
    NOT_ALLOWED,
    CLAIM_EXPIRED
}
