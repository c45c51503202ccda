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
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * Every posted line on a card's balance account ({@code liabilities:card:<id>}) booked in {@code [from, to)}, oldest
 * first: a debit is money out of the card (a tap's reservation, the balance of a lost card moved to its
 * replacement), a credit money in (a top-up, an unpaid tap's amount back, a lost card's balance arriving). Kind names
 * the movement from the entry's source key. A tap's payment itself moves the card's in-flight account, not its
 * balance, so it is not a row here; the card balances report shows what is in flight.
 *
 * <p>Totals: debits (out) and credits (in) of every card; credits less debits is how much the balances of all cards
 * changed in the period.
 */
public final class CardTransactionsQuery implements ReportQuery {

    public static final String DEBITS = "Debits (out)";
    public static final String CREDITS = "Credits (in)";

    static final Field<String> SOURCE_KEY = LEDGER_ENTRY.SOURCE_KEY.as("source_key");
    static final Field<Long> DEBIT_MSAT = DSL.when(LEDGER_LINE.SIDE.eq(LedgerLineSide.DEBIT), LEDGER_LINE.AMOUNT_MSAT)
            .as("debit_msat");
    static final Field<Long> CREDIT_MSAT = DSL.when(LEDGER_LINE.SIDE.eq(LedgerLineSide.CREDIT), LEDGER_LINE.AMOUNT_MSAT)
            .as("credit_msat");

    private static final Field<String> CARD_ID = CardAccounts.cardId();

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.timestamp("booked_at", "Booked at (UTC)"),
            ReportColumn.text("card_id", "Card id"),
            ReportColumn.text("programme_name", "Programme"),
            ReportColumn.text("kind", "Kind").computedBy(row -> CardValues.kind(row.get(SOURCE_KEY))),
            ReportColumn.text("source_key", "Source"),
            ReportColumn.text("description", "Description"),
            ReportColumn.btc("debit_msat", "Debit BTC"),
            ReportColumn.btc("credit_msat", "Credit BTC"));

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria) {
        return ctx.select(
                        LEDGER_ENTRY.BOOKED_AT.as("booked_at"),
                        CARD_ID.as("card_id"),
                        CARD_PROGRAMME.NAME.as("programme_name"),
                        SOURCE_KEY,
                        LEDGER_ENTRY.DESCRIPTION.as("description"),
                        DEBIT_MSAT,
                        CREDIT_MSAT)
                .from(LEDGER_LINE)
                .join(LEDGER_ENTRY)
                .on(LEDGER_ENTRY.ID.eq(LEDGER_LINE.ENTRY_ID))
                .join(LEDGER_ACCOUNT)
                .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                .leftJoin(CARD)
                .on(CARD.ID.eq(CARD_ID))
                .leftJoin(CARD_PROGRAMME)
                .on(CARD_PROGRAMME.ID.eq(CARD.PROGRAMME_ID))
                .where(CardAccounts.balance())
                .and(LEDGER_ENTRY.POSTED.isTrue())
                .and(LEDGER_ENTRY.BOOKED_AT.ge(UtcTimestamps.toDb(criteria.from())))
                .and(LEDGER_ENTRY.BOOKED_AT.lt(UtcTimestamps.toDb(criteria.to())))
                .orderBy(LEDGER_ENTRY.BOOKED_AT, LEDGER_ENTRY.ID, LEDGER_LINE.LINE_NO);
    }

    @Override
    public Map<String, Object> parameters(DSLContext ctx, ReportCriteria criteria, ReportTotals totals) {
        totals.addMsat(DEBITS, 0L);
        totals.addMsat(CREDITS, 0L);
        return Map.of();
    }

    @Override
    public void accumulate(Record row, ReportTotals totals) {
        totals.addMsat(DEBITS, row.get(DEBIT_MSAT));
        totals.addMsat(CREDITS, row.get(CREDIT_MSAT));
    }
}
