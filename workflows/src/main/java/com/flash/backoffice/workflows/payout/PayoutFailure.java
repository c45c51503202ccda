package com.flash.backoffice.workflows.payout;

/** {@code ApplicationFailure} types of the payout feature and refusal reasons of its commands (BTCPay's codes). */
public enum PayoutFailure {
    /** The command does not apply in the payout's state (BTCPay {@code InvalidState}). */
    INVALID_STATE,
    /** The command was based on an older revision (BTCPay {@code OldRevision}). */
    OLD_REVISION
}
