package com.flash.backoffice.reports.trialbalance;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ACCOUNT;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_LINE;

import com.flash.backoffice.db.jooq.enums.LedgerLineSide;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.reports.export.Formats;
import com.flash.backoffice.reports.export.ReportColumn;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportQuery;
import com.flash.backoffice.reports.export.ReportTotals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Every account with posted lines booked before {@code to}: its total debits and credits and its balance in the
 * debit or the credit column, in BTC and, next to it, in each fiat currency at the booking rate (the fiat amounts
 * the lines were booked with; lines without fiat count in BTC only). In a consistent ledger both pairs of totals
 * are equal.
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

    /** The PDF's one fiat column: each currency's balance at booking, e.g. "EUR 99.25 Cr; USD 49.50 Cr". */
    public static final String FIAT_TEXT = "fiat_balances";

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.text("account_code", "Account"),
            ReportColumn.text("account_name", "Account name"),
            ReportColumn.text("account_type", "Type"),
            ReportColumn.btc("debit_msat", "Debits BTC"),
            ReportColumn.btc("credit_msat", "Credits BTC"),
            ReportColumn.btc("balance_debit_msat", "Debit balance BTC"),
            ReportColumn.btc("balance_credit_msat", "Credit balance BTC"));

    /** The BTC columns; {@link #columns(DSLContext, ReportCriteria)} adds four per fiat currency. */
    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    /** Per fiat currency: debits, credits, debit balance, credit balance, e.g. "EUR debits". */
    @Override
    public List<ReportColumn> columns(DSLContext ctx, ReportCriteria criteria) {
        List<String> currencies = currencies(ctx, criteria);
        List<ReportColumn> columns = new ArrayList<>(COLUMNS);
        for (String currency : currencies) {
            columns.add(ReportColumn.decimal(debitLabel(currency), currency + " debits"));
            columns.add(ReportColumn.decimal(creditLabel(currency), currency + " credits"));
            columns.add(ReportColumn.decimal("fiat_balance_debit_" + currency, currency + " debit balance")
                    .computedBy(row -> balance(row, currency, true)));
            columns.add(ReportColumn.decimal("fiat_balance_credit_" + currency, currency + " credit balance")
                    .computedBy(row -> balance(row, currency, false)));
        }
        columns.add(
                ReportColumn.text(FIAT_TEXT, "Fiat balances at booking").computedBy(row -> fiatText(row, currencies)));
        return columns;
    }

    @Override
    public ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria) {
        List<SelectField<?>> select = new ArrayList<>(List.of(
                LEDGER_ACCOUNT.CODE.as("account_code"),
                LEDGER_ACCOUNT.NAME.as("account_name"),
                LEDGER_ACCOUNT.TYPE.as("account_type"),
                DEBIT_MSAT,
                CREDIT_MSAT,
                BALANCE_DEBIT_MSAT,
                BALANCE_CREDIT_MSAT));
        for (String currency : currencies(ctx, criteria)) {
            select.add(fiatSum(currency, LedgerLineSide.DEBIT).as(debitLabel(currency)));
            select.add(fiatSum(currency, LedgerLineSide.CREDIT).as(creditLabel(currency)));
        }
        return ctx.select(select)
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

    /** The fiat currencies of the posted lines booked before {@code to}, in code order. */
    private static List<String> currencies(DSLContext ctx, ReportCriteria criteria) {
        return ctx.selectDistinct(LEDGER_LINE.FIAT_CURRENCY)
                .from(LEDGER_LINE)
                .join(LEDGER_ENTRY)
                .on(LEDGER_ENTRY.ID.eq(LEDGER_LINE.ENTRY_ID))
                .where(LEDGER_LINE.FIAT_CURRENCY.isNotNull())
                .and(LEDGER_ENTRY.POSTED.isTrue())
                .and(LEDGER_ENTRY.BOOKED_AT.lt(UtcTimestamps.toDb(criteria.to())))
                .orderBy(LEDGER_LINE.FIAT_CURRENCY)
                .fetch(LEDGER_LINE.FIAT_CURRENCY);
    }

    /** Null when the account has no line in {@code currency}, so the cell stays blank. */
    private static Field<BigDecimal> fiatSum(String currency, LedgerLineSide side) {
        return DSL.sum(DSL.when(
                        LEDGER_LINE.FIAT_CURRENCY.eq(DSL.inline(currency)).and(LEDGER_LINE.SIDE.eq(side)),
                        LEDGER_LINE.FIAT_AMOUNT)
                .when(LEDGER_LINE.FIAT_CURRENCY.eq(DSL.inline(currency)), BigDecimal.ZERO));
    }

    private static String debitLabel(String currency) {
        return "fiat_debit_" + currency;
    }

    private static String creditLabel(String currency) {
        return "fiat_credit_" + currency;
    }

    /** Debits less credits in {@code currency}; null when the account has no line in it. */
    private static BigDecimal net(Record row, String currency) {
        BigDecimal debits = row.get(debitLabel(currency), BigDecimal.class);
        BigDecimal credits = row.get(creditLabel(currency), BigDecimal.class);
        return debits == null ? null : debits.subtract(credits);
    }

    private static BigDecimal balance(Record row, String currency, boolean debit) {
        BigDecimal net = net(row, currency);
        if (net == null) {
            return null;
        }
        BigDecimal side = debit ? net : net.negate();
        return side.signum() > 0 ? side : BigDecimal.ZERO;
    }

    private static String fiatText(Record row, List<String> currencies) {
        StringJoiner text = new StringJoiner("; ");
        for (String currency : currencies) {
            BigDecimal net = net(row, currency);
            if (net != null) {
                String side = net.signum() > 0 ? " Dr" : net.signum() < 0 ? " Cr" : "";
                text.add(currency + " " + Formats.fiat(net.abs()) + side);
            }
        }
        return text.length() == 0 ? null : text.toString();
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
        for (Field<?> field : row.fields()) {
            String name = field.getName();
            if (name.startsWith("fiat_debit_")) {
                String currency = name.substring("fiat_debit_".length());
                BigDecimal net = net(row, currency);
                if (net != null) {
                    totals.addFiat(currency, DEBITS, row.get(debitLabel(currency), BigDecimal.class));
                    totals.addFiat(currency, CREDITS, row.get(creditLabel(currency), BigDecimal.class));
                    totals.addFiat(currency, DEBIT_BALANCES, balance(row, currency, true));
                    totals.addFiat(currency, CREDIT_BALANCES, balance(row, currency, false));
                }
            }
        }
    }
}
