package com.flash.backoffice.db.settlement;

/** Why a period ran. */
public enum SettlementTrigger {
    /** Its time came. */
    SCHEDULED,
    /** Staff asked for a run now. */
    NOW,
    /** Staff asked for a missed period to run. */
    BACKFILL
}
