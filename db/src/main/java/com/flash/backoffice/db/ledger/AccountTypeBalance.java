package com.flash.backoffice.db.ledger;

import com.flash.backoffice.db.money.Msat;

/** Sums of posted lines; {@code balanceMsat} is positive on the type's normal side. */
public record AccountTypeBalance(AccountType type, Msat debitMsat, Msat creditMsat, Msat balanceMsat) {

    static AccountTypeBalance of(AccountType type, Msat debits, Msat credits) {
        return new AccountTypeBalance(type, debits, credits, LedgerBalances.balance(type, debits, credits));
    }
}
