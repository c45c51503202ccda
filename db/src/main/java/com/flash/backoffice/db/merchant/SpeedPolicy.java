package com.flash.backoffice.db.merchant;

/** How many confirmations an on-chain payment needs before an invoice settles (BTCPay's speed policy). */
public enum SpeedPolicy {
    HIGH(0),
    MEDIUM(1),
    LOW_MEDIUM(2),
    LOW(6);

    private final int confirmations;

    SpeedPolicy(int confirmations) {
        this.confirmations = confirmations;
    }

    public int confirmations() {
        return confirmations;
    }
}
