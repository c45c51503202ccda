package com.flash.backoffice.workflows.settlement;

/** Failure types of the settlement activities ({@code ApplicationFailure} types). */
public enum SettlementFailure {
    /** The merchant has no settlement schedule: not retried, the workflow ends. */
    SCHEDULE_NOT_FOUND
}
