package com.flash.backoffice.reports.journal;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ACCOUNT;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_LINE;

import com.flash.backoffice.db.jooq.enums.LedgerLineSide;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.reports.export.ReportColumn;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportQuery;
import com.flash.backoffice.reports.export.ReportTotals;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * Every posted entry booked in {@code [from, to)} with its lines, in booking order: one row per line, amounts
 * split into debit and credit columns, in msat and in fiat at booking where the line has it.
 */
public final class JournalQuery implements ReportQuery {

    public static final String DEBITS = "Debits";
    public static final String CREDITS = "Credits";

    static final Field<Long> ENTRY_ID = LEDGER_ENTRY.ID.as("entry_id");
    static final Field<Long> DEBIT_MSAT = DSL.when(LEDGER_LINE.SIDE.eq(LedgerLineSide.DEBIT), LEDGER_LINE.AMOUNT_MSAT)
            .as("debit_msat");
    static final Field<Long> CREDIT_MSAT = DSL.when(LEDGER_LINE.SIDE.eq(LedgerLineSide.CREDIT), LEDGER_LINE.AMOUNT_MSAT)
            .as("credit_msat");
    static final Field<BigDecimal> DEBIT_FIAT = DSL.when(
                    LEDGER_LINE.SIDE.eq(LedgerLineSide.DEBIT), LEDGER_LINE.FIAT_AMOUNT)
            .as("debit_fiat");
    static final Field<BigDecimal> CREDIT_FIAT = DSL.when(
                    LEDGER_LINE.SIDE.eq(LedgerLineSide.CREDIT), LEDGER_LINE.FIAT_AMOUNT)
            .as("credit_fiat");
    static final Field<String> FIAT_CURRENCY = LEDGER_LINE.FIAT_CURRENCY.as("fiat_currency");

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.text("entry_id", "Entry"),
            ReportColumn.timestamp("booked_at", "Booked at (UTC)"),
            ReportColumn.text("source_key", "Source"),
            ReportColumn.text("description", "Description"),
            ReportColumn.text("line_no", "Line"),
            ReportColumn.text("account_code", "Account"),
            ReportColumn.text("account_name", "Account name"),
            ReportColumn.btc("debit_msat", "Debit BTC"),
            ReportColumn.btc("credit_msat", "Credit BTC"),
            ReportColumn.decimal("debit_fiat", "Debit fiat"),
            ReportColumn.decimal("credit_fiat", "Credit fiat"),
            ReportColumn.text("fiat_currency", "Fiat currency"));

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria) {
        return ctx.select(
                        ENTRY_ID,
                        LEDGER_ENTRY.BOOKED_AT.as("booked_at"),
                        LEDGER_ENTRY.SOURCE_KEY.as("source_key"),
                        LEDGER_ENTRY.DESCRIPTION.as("description"),
                        LEDGER_LINE.LINE_NO.as("line_no"),
                        LEDGER_ACCOUNT.CODE.as("account_code"),
                        LEDGER_ACCOUNT.NAME.as("account_name"),
                        DEBIT_MSAT,
                        CREDIT_MSAT,
                        DEBIT_FIAT,
                        CREDIT_FIAT,
                        FIAT_CURRENCY)
                .from(LEDGER_ENTRY)
                .join(LEDGER_LINE)
                .on(LEDGER_LINE.ENTRY_ID.eq(LEDGER_ENTRY.ID))
                .join(LEDGER_ACCOUNT)
                .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                .where(LEDGER_ENTRY.POSTED.isTrue())
                .and(LEDGER_ENTRY.BOOKED_AT.ge(UtcTimestamps.toDb(criteria.from())))
                .and(LEDGER_ENTRY.BOOKED_AT.lt(UtcTimestamps.toDb(criteria.to())))
                .orderBy(LEDGER_ENTRY.BOOKED_AT, LEDGER_ENTRY.ID, LEDGER_LINE.LINE_NO);
    }

    /** Zero totals up front, so that an empty period still states "Debits 0, Credits 0". */
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
        String currency = row.get(FIAT_CURRENCY);
        totals.addFiat(currency, DEBITS, row.get(DEBIT_FIAT));
        totals.addFiat(currency, CREDITS, row.get(CREDIT_FIAT));
    }
}
