package com.flash.backoffice.reports.trialbalance;

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
import org.jooq.impl.SQLDataType;

/**
 * Every account with posted lines booked before {@code to}: its total debits and credits and its balance in the
 * debit or the credit column. In a consistent ledger both pairs of totals are equal.
 */
public final class TrialBalanceQuery implements ReportQuery {

    public static final String DEBITS = "Debits";
    public static final String CREDITS = "Credits";
    public static final String DEBIT_BALANCES = "Debit balances";
    public static final String CREDIT_BALANCES = "Credit balances";

    private static final Field<Long> DEBIT_SUM = DSL.sum(
                    DSL.when(LEDGER_LINE.SIDE.eq(LedgerLineSide.DEBIT), LEDGER_LINE.AMOUNT_MSAT)
                            .else_(0L))
            .cast(SQLDataType.BIGINT);
    private static final Field<Long> CREDIT_SUM = DSL.sum(
                    DSL.when(LEDGER_LINE.SIDE.eq(LedgerLineSide.CREDIT), LEDGER_LINE.AMOUNT_MSAT)
                            .else_(0L))
            .cast(SQLDataType.BIGINT);
    static final Field<Long> DEBIT_MSAT = DEBIT_SUM.as("debit_msat");
    static final Field<Long> CREDIT_MSAT = CREDIT_SUM.as("credit_msat");
    static final Field<Long> BALANCE_DEBIT_MSAT =
            DSL.greatest(DEBIT_SUM.minus(CREDIT_SUM), DSL.inline(0L)).as("balance_debit_msat");
    static final Field<Long> BALANCE_CREDIT_MSAT =
            DSL.greatest(CREDIT_SUM.minus(DEBIT_SUM), DSL.inline(0L)).as("balance_credit_msat");

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.text("account_code", "Account"),
            ReportColumn.text("account_name", "Account name"),
            ReportColumn.text("account_type", "Type"),
            ReportColumn.btc("debit_msat", "Debits BTC"),
            ReportColumn.btc("credit_msat", "Credits BTC"),
            ReportColumn.btc("balance_debit_msat", "Debit balance BTC"),
            ReportColumn.btc("balance_credit_msat", "Credit balance BTC"));

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria) {
        return ctx.select(
                        LEDGER_ACCOUNT.CODE.as("account_code"),
                        LEDGER_ACCOUNT.NAME.as("account_name"),
                        LEDGER_ACCOUNT.TYPE.as("account_type"),
                        DEBIT_MSAT,
                        CREDIT_MSAT,
                        BALANCE_DEBIT_MSAT,
                        BALANCE_CREDIT_MSAT)
                .from(LEDGER_LINE)
                .join(LEDGER_ENTRY)
                .on(LEDGER_ENTRY.ID.eq(LEDGER_LINE.ENTRY_ID))
                .join(LEDGER_ACCOUNT)
                .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                .where(LEDGER_ENTRY.POSTED.isTrue())
                .and(LEDGER_ENTRY.BOOKED_AT.lt(UtcTimestamps.toDb(criteria.to())))
                .groupBy(LEDGER_ACCOUNT.ID, LEDGER_ACCOUNT.CODE, LEDGER_ACCOUNT.NAME, LEDGER_ACCOUNT.TYPE)
                .orderBy(LEDGER_ACCOUNT.CODE);
    }

    @Override
    public Map<String, Object> parameters(DSLContext ctx, ReportCriteria criteria, ReportTotals totals) {
        totals.addMsat(DEBITS, 0L);
        totals.addMsat(CREDITS, 0L);
        totals.addMsat(DEBIT_BALANCES, 0L);
        totals.addMsat(CREDIT_BALANCES, 0L);
        return Map.of();
    }

    @Override
    public void accumulate(Record row, ReportTotals totals) {
        totals.addMsat(DEBITS, row.get(DEBIT_MSAT));
        totals.addMsat(CREDITS, row.get(CREDIT_MSAT));
        totals.addMsat(DEBIT_BALANCES, row.get(BALANCE_DEBIT_MSAT));
        totals.addMsat(CREDIT_BALANCES, row.get(BALANCE_CREDIT_MSAT));
    }
}
