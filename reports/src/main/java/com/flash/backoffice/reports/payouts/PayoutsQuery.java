package com.flash.backoffice.reports.payouts;

import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.reports.export.ReportColumn;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportQuery;
import com.flash.backoffice.reports.export.ReportTotals;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

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

    private static final String SQL = """
            SELECT p.created_at,
                   p.origin,
                   p.state AS stored_state,
                   p.destination_kind,
                   'BTC' AS currency,
                   p.amount_msat,
                   'BTC' AS original_currency,
                   p.amount_msat AS original_amount_msat,
                   p.destination,
                   p.fee_msat,
                   p.proof,
                   p.id AS payout_id,
                   p.merchant_id,
                   m.name AS merchant_name,
                   p.requested_by,
                   p.completed_at,
                   p.failure,
                   p.failure_detail
              FROM payout p
              JOIN merchant m ON m.id = p.merchant_id
             WHERE p.created_at >= ? AND p.created_at < ?
               AND (? IS NULL OR p.merchant_id = ?)
             ORDER BY p.created_at, p.id
            """;

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.timestamp("created_at", "Date (UTC)"),
            ReportColumn.text("source", "Source")
                    .computedBy(row -> PayoutValues.source(row.get("origin", String.class))),
            ReportColumn.text("state", "State")
                    .computedBy(row -> PayoutValues.state(row.get("stored_state", String.class))),
            ReportColumn.text("payment_type", "Payment type")
                    .computedBy(row -> PayoutValues.paymentType(row.get("destination_kind", String.class))),
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
        return ctx.resultQuery(
                SQL,
                UtcTimestamps.toDb(criteria.from()),
                UtcTimestamps.toDb(criteria.to()),
                criteria.merchantId(),
                criteria.merchantId());
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
        Long amount = row.get("amount_msat", Long.class);
        totals.addMsat(REQUESTED, amount);
        switch (row.get("stored_state", String.class)) {
            case "COMPLETED" -> {
                totals.addMsat(COMPLETED, amount);
                totals.addMsat(FEES, row.get("fee_msat", Long.class));
            }
            case "CANCELLED" -> totals.addMsat(CANCELLED, amount);
            default -> totals.addMsat(OPEN, amount);
        }
    }
}
