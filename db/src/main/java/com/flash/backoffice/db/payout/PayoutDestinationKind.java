package com.flash.backoffice.db.payout;

/** How a payout's destination is paid (the payment feature's destination kinds, as stored). */
public enum PayoutDestinationKind {
    BOLT11,
    LIGHTNING_ADDRESS,
    LNURL_PAY,
    ONCHAIN;

    public boolean lightning() {
        return this != ONCHAIN;
    }
}
