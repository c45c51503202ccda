package com.flash.backoffice.db.ledger;

public enum AccountType {
    ASSET(Side.DEBIT),
    LIABILITY(Side.CREDIT),
    EQUITY(Side.CREDIT),
    REVENUE(Side.CREDIT),
    EXPENSE(Side.DEBIT);

    private final Side normalSide;

    AccountType(Side normalSide) {
        this.normalSide = normalSide;
    }

    /** The side that increases the balance: debits for assets and expenses, credits for the rest. */
    public Side normalSide() {
        return normalSide;
    }
}
