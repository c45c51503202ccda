package com.flash.backoffice.reports.statement;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ACCOUNT;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_LINE;
import static com.flash.backoffice.db.jooq.Tables.MERCHANT;

import com.flash.backoffice.db.jooq.enums.LedgerLineSide;
import com.flash.backoffice.db.jooq.tables.LedgerAccount;
import com.flash.backoffice.db.jooq.tables.LedgerLine;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.reports.export.ReportColumn;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportQuery;
import com.flash.backoffice.reports.export.ReportTotals;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One merchant's balance account ({@code liabilities:merchant:<id>}) over {@code [from, to)}: the opening balance
 * (everything posted before {@code from}), each movement with the processing fee of its entry, and the closing
 * balance. The balance is what the platform owes the merchant: credits raise it, debits lower it.
 */
public final class MerchantStatementQuery implements ReportQuery {

    public static final String OPENING = "Opening balance";
    public static final String CREDITS = "Credits (in)";
    public static final String DEBITS = "Debits (out)";
    public static final String FEES = "Processing fees";
    public static final String CLOSING = "Closing balance";

    static final Field<Long> CREDIT_MSAT = DSL.when(LEDGER_LINE.SIDE.eq(LedgerLineSide.CREDIT), LEDGER_LINE.AMOUNT_MSAT)
            .as("credit_msat");
    static final Field<Long> DEBIT_MSAT = DSL.when(LEDGER_LINE.SIDE.eq(LedgerLineSide.DEBIT), LEDGER_LINE.AMOUNT_MSAT)
            .as("debit_msat");
    static final Field<Long> FEE_MSAT = feeOfEntry().as("fee_msat");

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.timestamp("booked_at", "Booked at (UTC)"),
            ReportColumn.text("entry_id", "Entry"),
            ReportColumn.text("source_key", "Source"),
            ReportColumn.text("description", "Description"),
            ReportColumn.btc("credit_msat", "Credit BTC"),
            ReportColumn.btc("debit_msat", "Debit BTC"),
            ReportColumn.btc("fee_msat", "Fee BTC"));

    public static String accountCode(String merchantId) {
        return ChartOfAccounts.merchantBalance(merchantId).code();
    }

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria) {
        return ctx.select(
                        LEDGER_ENTRY.BOOKED_AT.as("booked_at"),
                        LEDGER_ENTRY.ID.as("entry_id"),
                        LEDGER_ENTRY.SOURCE_KEY.as("source_key"),
                        LEDGER_ENTRY.DESCRIPTION.as("description"),
                        CREDIT_MSAT,
                        DEBIT_MSAT,
                        FEE_MSAT)
                .from(LEDGER_LINE)
                .join(LEDGER_ENTRY)
                .on(LEDGER_ENTRY.ID.eq(LEDGER_LINE.ENTRY_ID))
                .join(LEDGER_ACCOUNT)
                .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                .where(LEDGER_ACCOUNT.CODE.eq(accountCode(criteria.merchantId())))
                .and(LEDGER_ENTRY.POSTED.isTrue())
                .and(LEDGER_ENTRY.BOOKED_AT.ge(UtcTimestamps.toDb(criteria.from())))
                .and(LEDGER_ENTRY.BOOKED_AT.lt(UtcTimestamps.toDb(criteria.to())))
                .orderBy(LEDGER_ENTRY.BOOKED_AT, LEDGER_ENTRY.ID, LEDGER_LINE.LINE_NO);
    }

    /** Net fee revenue (credits less debits) of the row's entry. */
    private static Field<Long> feeOfEntry() {
        LedgerLine fee = LEDGER_LINE.as("fee_line");
        LedgerAccount feeAccount = LEDGER_ACCOUNT.as("fee_account");
        return DSL.field(DSL.select(DSL.sum(DSL.when(fee.SIDE.eq(LedgerLineSide.CREDIT), fee.AMOUNT_MSAT)
                                .else_(fee.AMOUNT_MSAT.neg()))
                        .cast(SQLDataType.BIGINT))
                .from(fee)
                .join(feeAccount)
                .on(feeAccount.ID.eq(fee.ACCOUNT_ID))
                .where(fee.ENTRY_ID.eq(LEDGER_ENTRY.ID))
                .and(feeAccount.CODE.eq(ChartOfAccounts.PROCESSING_FEE_REVENUE.code())));
    }

    @Override
    public Map<String, Object> parameters(DSLContext ctx, ReportCriteria criteria, ReportTotals totals) {
        String name = ctx.select(MERCHANT.NAME)
                .from(MERCHANT)
                .where(MERCHANT.ID.eq(criteria.merchantId()))
                .fetchOptional(MERCHANT.NAME)
                .orElseThrow(() -> new IllegalArgumentException("no merchant " + criteria.merchantId()));
        BigDecimal opening = ctx.select(
                        DSL.sum(DSL.when(LEDGER_LINE.SIDE.eq(LedgerLineSide.CREDIT), LEDGER_LINE.AMOUNT_MSAT)
                                .else_(LEDGER_LINE.AMOUNT_MSAT.neg())))
                .from(LEDGER_LINE)
                .join(LEDGER_ENTRY)
                .on(LEDGER_ENTRY.ID.eq(LEDGER_LINE.ENTRY_ID))
                .join(LEDGER_ACCOUNT)
                .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                .where(LEDGER_ACCOUNT.CODE.eq(accountCode(criteria.merchantId())))
                .and(LEDGER_ENTRY.POSTED.isTrue())
                .and(LEDGER_ENTRY.BOOKED_AT.lt(UtcTimestamps.toDb(criteria.from())))
                .fetchOne(0, BigDecimal.class);
        totals.addMsat(OPENING, opening == null ? 0L : opening.longValueExact());
        totals.addMsat(CREDITS, 0L);
        totals.addMsat(DEBITS, 0L);
        totals.addMsat(FEES, 0L);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("MERCHANT_NAME", name);
        parameters.put("MERCHANT_ID", criteria.merchantId());
        parameters.put("ACCOUNT", accountCode(criteria.merchantId()));
        return parameters;
    }

    @Override
    public void accumulate(Record row, ReportTotals totals) {
        totals.addMsat(CREDITS, row.get(CREDIT_MSAT));
        totals.addMsat(DEBITS, row.get(DEBIT_MSAT));
        totals.addMsat(FEES, row.get(FEE_MSAT));
    }

    @Override
    public void finish(ReportTotals totals) {
        long closing =
                Math.subtractExact(Math.addExact(totals.msat(OPENING), totals.msat(CREDITS)), totals.msat(DEBITS));
        totals.addMsat(CLOSING, closing);
    }
}
