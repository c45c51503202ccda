package com.flash.backoffice.reports.card;

import static com.flash.backoffice.db.jooq.Tables.CARD;
import static com.flash.backoffice.db.jooq.Tables.CARD_PROGRAMME;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_ACCOUNT;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_LINE;

import com.flash.backoffice.db.jooq.enums.LedgerLineSide;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.reports.export.ReportColumn;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportQuery;
import com.flash.backoffice.reports.export.ReportTotals;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * What Flash owes card holders at {@code to}: one row per card whose balance or in-flight account has posted lines
 * booked before {@code to}, with its balance (credits less debits of {@code liabilities:card:<id>}), what its taps
 * being paid hold ({@code liabilities:card-pending:<id>}: out of the balance, not yet out of Flash's node) and the
 * two together, the card's total owed. A card that was spent to zero or lost and replaced keeps its row at zero, so
 * every card account is listed.
 *
 * <p>The rows start from the card accounts, not from the cards, so the totals are those accounts' balances in the
 * trial balance at the same date (Total owed is the sum of their credit less debit balances). The programme and the
 * state are the card's now, not at {@code to}.
 */
public final class CardBalancesQuery implements ReportQuery {

    public static final String BALANCES = "Balances";
    public static final String PENDING = "Pending";
    public static final String OWED = "Total owed";

    private static final Field<Long> SIGNED = DSL.when(
                    LEDGER_LINE.SIDE.eq(LedgerLineSide.CREDIT), LEDGER_LINE.AMOUNT_MSAT)
            .else_(LEDGER_LINE.AMOUNT_MSAT.neg());
    private static final Field<String> CARD_ID = CardAccounts.cardId();

    static final Field<Long> BALANCE_MSAT = sum(CardAccounts.balance()).as("balance_msat");
    static final Field<Long> PENDING_MSAT = sum(CardAccounts.pending()).as("pending_msat");
    static final Field<Long> OWED_MSAT =
            DSL.sum(SIGNED).cast(SQLDataType.BIGINT).as("owed_msat");

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.text("card_id", "Card id"),
            ReportColumn.text("programme_name", "Programme"),
            ReportColumn.text("card_state", "State"),
            ReportColumn.btc("balance_msat", "Balance BTC"),
            ReportColumn.btc("pending_msat", "Pending BTC"),
            ReportColumn.btc("owed_msat", "Total owed BTC"));

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria) {
        return ctx.select(
                        CARD_ID.as("card_id"),
                        CARD_PROGRAMME.NAME.as("programme_name"),
                        CARD.STATE.cast(String.class).as("card_state"),
                        BALANCE_MSAT,
                        PENDING_MSAT,
                        OWED_MSAT)
                .from(LEDGER_LINE)
                .join(LEDGER_ENTRY)
                .on(LEDGER_ENTRY.ID.eq(LEDGER_LINE.ENTRY_ID))
                .join(LEDGER_ACCOUNT)
                .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                .leftJoin(CARD)
                .on(CARD.ID.eq(CARD_ID))
                .leftJoin(CARD_PROGRAMME)
                .on(CARD_PROGRAMME.ID.eq(CARD.PROGRAMME_ID))
                .where(CardAccounts.balance().or(CardAccounts.pending()))
                .and(LEDGER_ENTRY.POSTED.isTrue())
                .and(LEDGER_ENTRY.BOOKED_AT.lt(UtcTimestamps.toDb(criteria.to())))
                .groupBy(CARD_ID, CARD_PROGRAMME.NAME, CARD.STATE)
                .orderBy(CARD_PROGRAMME.NAME, CARD_ID);
    }

    /** Credits less debits of the lines of one of the card's two accounts. */
    private static Field<Long> sum(Condition account) {
        return DSL.sum(DSL.when(account, SIGNED).else_(0L)).cast(SQLDataType.BIGINT);
    }

    @Override
    public Map<String, Object> parameters(DSLContext ctx, ReportCriteria criteria, ReportTotals totals) {
        for (String label : List.of(BALANCES, PENDING, OWED)) {
            totals.addMsat(label, 0L);
        }
        return Map.of();
    }

    @Override
    public void accumulate(Record row, ReportTotals totals) {
        totals.addMsat(BALANCES, row.get(BALANCE_MSAT));
        totals.addMsat(PENDING, row.get(PENDING_MSAT));
        totals.addMsat(OWED, row.get(OWED_MSAT));
    }
}
