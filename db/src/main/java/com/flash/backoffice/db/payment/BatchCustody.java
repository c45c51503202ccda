package com.flash.backoffice.db.payment;

/** Whose keys sign an on-chain batch. */
public enum BatchCustody {
    /** Flash's LND wallet signs and sends at once. */
    HOT,
    /** The watch-only treasury key: FINANCE signs the batch's PSBT offline (a hardware wallet) and uploads it. */
    COLD
}
