package com.flash.backoffice.db.settlement;

/** Why a period requested no payout, with the words the run history shows. */
public enum SkipReason {
    PAUSED("The schedule was paused"),
    NO_DESTINATION("The merchant has no payout destination"),
    NOTHING_PAYABLE("Nothing payable"),
    BELOW_THRESHOLD("The payable balance is below the threshold"),
    OPEN_PAYOUT("A payout to the same destination is still open"),
    INVALID_DESTINATION("The payout destination was refused"),
    MERCHANT_NOT_FOUND("The merchant no longer exists");

    private final String message;

    SkipReason(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
