package com.flash.backoffice.db.merchant;

/**
 * Who holds the coins of a merchant's on-chain payments, which decides what the ledger books (ARCHITECTURE.md,
 * "Custody and the ledger").
 */
public enum OnchainCustody {
    /** Addresses from the merchant's watch-only key: the coins are the merchant's, Flash books only its fee. */
    MERCHANT_WALLET,
    /** Addresses from Flash's own on-chain wallet (LND): the coins are Flash's, owed to the merchant. */
    FLASH_WALLET;

    public boolean custodial() {
        return this == FLASH_WALLET;
    }
}
