package com.flash.backoffice.db.ledger;

import com.flash.backoffice.db.money.Msat;

final class LedgerBalances {

    private LedgerBalances() {}

    static Msat balance(AccountType type, Msat debits, Msat credits) {
        return type.normalSide() == Side.DEBIT ? debits.minus(credits) : credits.minus(debits);
    }
}
