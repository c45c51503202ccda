package com.flash.backoffice.db.ledger;

import com.flash.backoffice.db.money.Msat;

/** Sums of an account's posted lines; {@code balanceMsat} is positive on its type's normal side. */
public record AccountBalance(String code, AccountType type, Msat debitMsat, Msat creditMsat, Msat balanceMsat) {

    static AccountBalance of(String code, AccountType type, Msat debits, Msat credits) {
        return new AccountBalance(code, type, debits, credits, LedgerBalances.balance(type, debits, credits));
    }
}
