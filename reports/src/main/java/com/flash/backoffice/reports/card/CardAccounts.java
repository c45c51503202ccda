package com.flash.backoffice.reports.card;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ACCOUNT;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A card's two ledger accounts in SQL: its balance ({@code liabilities:card:<id>}, what Flash owes the holder) and
 * its taps being paid ({@code liabilities:card-pending:<id>}), and the card's id read back from such a code. The
 * prefixes are taken from {@link ChartOfAccounts}, the only place that spells an account code, so the reports follow
 * the chart if it changes.
 */
final class CardAccounts {

    private static final String PROBE = "0";

    static final String BALANCE_PREFIX =
            prefix(ChartOfAccounts.cardBalance(PROBE).code());
    static final String PENDING_PREFIX =
            prefix(ChartOfAccounts.cardPending(PROBE).code());

    private CardAccounts() {}

    /** The account is a card's balance. */
    static Condition balance() {
        return LEDGER_ACCOUNT.CODE.startsWith(BALANCE_PREFIX);
    }

    /** The account is a card's taps being paid. */
    static Condition pending() {
        return LEDGER_ACCOUNT.CODE.startsWith(PENDING_PREFIX);
    }

    /** The card's id in the code of one of its two accounts. */
    static Field<String> cardId() {
        return DSL.when(balance(), DSL.substring(LEDGER_ACCOUNT.CODE, BALANCE_PREFIX.length() + 1))
                .else_(DSL.substring(LEDGER_ACCOUNT.CODE, PENDING_PREFIX.length() + 1));
    }

    private static String prefix(String probed) {
        if (!probed.endsWith(PROBE)) {
            throw new IllegalStateException("a card account code does not end with the card's id: " + probed);
        }
        return probed.substring(0, probed.length() - PROBE.length());
    }
}
