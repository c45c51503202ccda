package com.flash.backoffice.reports.payouts;

import static com.flash.backoffice.db.jooq.Tables.MERCHANT;
import static com.flash.backoffice.db.jooq.Tables.PAYOUT;

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

/**
 * Every payout requested (created) in {@code [from, to)}, oldest first, with BTCPay's payouts report columns in
 * BTCPay's order (Date, Source, State, PaymentType, Currency, Amount, OriginalCurrency, OriginalAmount, Destination)
 * and then Flash's own: fee, proof, ids, requester, completion and failure. Flash payouts are asked for in BTC, so
 * the original currency and amount are the payout's own.
 *
 * <p>Totals: everything requested, split into completed, cancelled and open (still reserved: awaiting, in progress
 * or failed), and the fees paid on completed payouts.
 */
public final class PayoutsQuery implements ReportQuery {

    public static final String REQUESTED = "Requested";
    public static final String COMPLETED = "Completed";
    public static final String CANCELLED = "Cancelled";
    public static final String OPEN = "Open (reserved)";
    public static final String FEES = "Fees paid";

    static final Field<String> ORIGIN = PAYOUT.ORIGIN.cast(String.class).as("origin");
    static final Field<String> STORED_STATE = PAYOUT.STATE.cast(String.class).as("stored_state");
    static final Field<String> DESTINATION_KIND =
            PAYOUT.DESTINATION_KIND.cast(String.class).as("destination_kind");
    static final Field<Long> AMOUNT_MSAT = PAYOUT.AMOUNT_MSAT.as("amount_msat");
    static final Field<Long> FEE_MSAT = PAYOUT.FEE_MSAT.as("fee_msat");

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.timestamp("created_at", "Date (UTC)"),
            ReportColumn.text("source", "Source").computedBy(row -> PayoutValues.source(row.get(ORIGIN))),
            ReportColumn.text("state", "State").computedBy(row -> PayoutValues.state(row.get(STORED_STATE))),
            ReportColumn.text("payment_type", "Payment type")
                    .computedBy(row -> PayoutValues.paymentType(row.get(DESTINATION_KIND))),
            ReportColumn.text("currency", "Currency"),
            ReportColumn.btc("amount_msat", "Amount"),
            ReportColumn.text("original_currency", "Original currency"),
            ReportColumn.btc("original_amount_msat", "Original amount"),
            ReportColumn.text("destination", "Destination"),
            ReportColumn.btc("fee_msat", "Fee BTC"),
            ReportColumn.text("proof", "Proof"),
            ReportColumn.text("payout_id", "Payout id"),
            ReportColumn.text("merchant_id", "Store id"),
            ReportColumn.text("merchant_name", "Store"),
            ReportColumn.text("requested_by", "Requested by"),
            ReportColumn.timestamp("completed_at", "Completed or cancelled (UTC)"),
            ReportColumn.text("failure", "Failure"),
            ReportColumn.text("failure_detail", "Failure detail"));

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria) {
        Condition merchant =
                criteria.merchantId() == null ? DSL.noCondition() : PAYOUT.MERCHANT_ID.eq(criteria.merchantId());
        return ctx.select(
                        PAYOUT.CREATED_AT.as("created_at"),
                        ORIGIN,
                        STORED_STATE,
                        DESTINATION_KIND,
                        DSL.inline("BTC").as("currency"),
                        AMOUNT_MSAT,
                        DSL.inline("BTC").as("original_currency"),
                        PAYOUT.AMOUNT_MSAT.as("original_amount_msat"),
                        PAYOUT.DESTINATION.as("destination"),
                        FEE_MSAT,
                        PAYOUT.PROOF.as("proof"),
                        PAYOUT.ID.as("payout_id"),
                        PAYOUT.MERCHANT_ID.as("merchant_id"),
                        MERCHANT.NAME.as("merchant_name"),
                        PAYOUT.REQUESTED_BY.as("requested_by"),
                        PAYOUT.COMPLETED_AT.as("completed_at"),
                        PAYOUT.FAILURE.as("failure"),
                        PAYOUT.FAILURE_DETAIL.as("failure_detail"))
                .from(PAYOUT)
                .join(MERCHANT)
                .on(MERCHANT.ID.eq(PAYOUT.MERCHANT_ID))
                .where(PAYOUT.CREATED_AT.ge(UtcTimestamps.toDb(criteria.from())))
                .and(PAYOUT.CREATED_AT.lt(UtcTimestamps.toDb(criteria.to())))
                .and(merchant)
                .orderBy(PAYOUT.CREATED_AT, PAYOUT.ID);
    }

    @Override
    public Map<String, Object> parameters(DSLContext ctx, ReportCriteria criteria, ReportTotals totals) {
        for (String label : List.of(REQUESTED, COMPLETED, CANCELLED, OPEN, FEES)) {
            totals.addMsat(label, 0L);
        }
        return Map.of();
    }

    @Override
    public void accumulate(Record row, ReportTotals totals) {
        Long amount = row.get(AMOUNT_MSAT);
        totals.addMsat(REQUESTED, amount);
        switch (row.get(STORED_STATE)) {
            case "COMPLETED" -> {
                totals.addMsat(COMPLETED, amount);
                totals.addMsat(FEES, row.get(FEE_MSAT));
            }
            case "CANCELLED" -> totals.addMsat(CANCELLED, amount);
            default -> totals.addMsat(OPEN, amount);
        }
    }
}
