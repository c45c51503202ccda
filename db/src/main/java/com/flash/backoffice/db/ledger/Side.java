package com.flash.backoffice.db.ledger;

public enum Side {
    DEBIT,
    CREDIT
}
