package com.flash.backoffice.db.ledger;

/** {@code merchantId} is set for a merchant's own accounts and null for system accounts. */
public record LedgerAccount(long id, String code, String name, AccountType type, String merchantId) {}
