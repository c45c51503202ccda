package com.flash.backoffice.workflows.settlement;

/** Why a schedule's workflow ended. */
public enum SettlementEnd {
    CANCELLED,
    SCHEDULE_NOT_FOUND
}
