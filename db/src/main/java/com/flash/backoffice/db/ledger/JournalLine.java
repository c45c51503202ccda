package com.flash.backoffice.db.ledger;

import com.flash.backoffice.db.money.Msat;
import java.math.BigDecimal;
import java.util.Objects;

/** One side of a journal entry; the fiat value at booking time is optional but comes with its currency. */
public record JournalLine(String accountCode, Side side, Msat amount, BigDecimal fiatAmount, String fiatCurrency) {

    public JournalLine {
        Objects.requireNonNull(accountCode, "accountCode");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(amount, "amount");
        if ((fiatAmount == null) != (fiatCurrency == null)) {
            throw new IllegalArgumentException("a fiat amount needs its currency and a currency its amount");
        }
    }

    public static JournalLine debit(String accountCode, Msat amount) {
        return new JournalLine(accountCode, Side.DEBIT, amount, null, null);
    }

    public static JournalLine credit(String accountCode, Msat amount) {
        return new JournalLine(accountCode, Side.CREDIT, amount, null, null);
    }

    public JournalLine withFiat(BigDecimal amount, String currency) {
        return new JournalLine(accountCode, side, this.amount, amount, currency);
    }
}
