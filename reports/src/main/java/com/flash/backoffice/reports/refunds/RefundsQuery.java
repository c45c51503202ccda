package com.flash.backoffice.reports.refunds;

import static com.flash.backoffice.db.jooq.Tables.MERCHANT;
import static com.flash.backoffice.db.jooq.Tables.REFUND;

import com.flash.backoffice.db.jooq.enums.RefundState;
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
 * Every refund started (created) in {@code [from, to)}, oldest first, with BTCPay's refunds report columns in
 * BTCPay's order (Date, InvoiceId, Currency, Completed, Awaiting, Limit, FullyPaid) and then Flash's own: ids, store,
 * variant, state, reason, requester, fee, proof and when it ended. Flash refunds are paid in BTC, so the currency is
 * BTC and Limit is the refund's amount; Completed is that amount once the refund is paid, Awaiting while it is still
 * open (awaiting approval, awaiting its claim or in progress); a cancelled or expired refund counts in neither.
 *
 * <p>Totals: the limits of every refund, what was completed, what is still awaiting, and the fees paid on completed
 * refunds (Limit - Completed - Awaiting is what was cancelled or expired).
 */
public final class RefundsQuery implements ReportQuery {

    public static final String LIMIT = "Limit";
    public static final String COMPLETED = "Completed";
    public static final String AWAITING = "Awaiting";
    public static final String FEES = "Fees paid";

    static final Field<String> STORED_STATE = REFUND.STATE.cast(String.class).as("stored_state");
    static final Field<String> STORED_VARIANT =
            REFUND.VARIANT.cast(String.class).as("stored_variant");
    static final Field<Long> LIMIT_MSAT = REFUND.AMOUNT_MSAT.as("limit_msat");
    static final Field<Long> COMPLETED_MSAT = DSL.when(REFUND.STATE.eq(RefundState.COMPLETED), REFUND.AMOUNT_MSAT)
            .otherwise(DSL.inline(0L))
            .as("completed_msat");
    static final Field<Long> AWAITING_MSAT = DSL.when(
                    REFUND.STATE.in(RefundState.AWAITING_APPROVAL, RefundState.AWAITING_CLAIM, RefundState.IN_PROGRESS),
                    REFUND.AMOUNT_MSAT)
            .otherwise(DSL.inline(0L))
            .as("awaiting_msat");
    static final Field<Long> FEE_MSAT = REFUND.FEE_MSAT.as("fee_msat");

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.timestamp("created_at", "Date (UTC)"),
            ReportColumn.text("invoice_id", "Invoice id"),
            ReportColumn.text("currency", "Currency"),
            ReportColumn.btc("completed_msat", "Completed"),
            ReportColumn.btc("awaiting_msat", "Awaiting"),
            ReportColumn.btc("limit_msat", "Limit"),
            ReportColumn.text("fully_paid", "Fully paid")
                    .computedBy(row -> RefundValues.fullyPaid(row.get(LIMIT_MSAT), row.get(COMPLETED_MSAT))),
            ReportColumn.text("refund_id", "Refund id"),
            ReportColumn.text("merchant_id", "Store id"),
            ReportColumn.text("merchant_name", "Store"),
            ReportColumn.text("variant", "Variant").computedBy(row -> RefundValues.variant(row.get(STORED_VARIANT))),
            ReportColumn.text("state", "State").computedBy(row -> RefundValues.state(row.get(STORED_STATE))),
            ReportColumn.text("reason", "Reason"),
            ReportColumn.text("requested_by", "Requested by"),
            ReportColumn.btc("fee_msat", "Fee BTC"),
            ReportColumn.text("proof", "Proof"),
            ReportColumn.timestamp("completed_at", "Completed, cancelled or expired (UTC)"));

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria) {
        Condition merchant =
                criteria.merchantId() == null ? DSL.noCondition() : REFUND.MERCHANT_ID.eq(criteria.merchantId());
        return ctx.select(
                        REFUND.CREATED_AT.as("created_at"),
                        REFUND.INVOICE_ID.as("invoice_id"),
                        DSL.inline("BTC").as("currency"),
                        COMPLETED_MSAT,
                        AWAITING_MSAT,
                        LIMIT_MSAT,
                        REFUND.ID.as("refund_id"),
                        REFUND.MERCHANT_ID.as("merchant_id"),
                        MERCHANT.NAME.as("merchant_name"),
                        STORED_VARIANT,
                        STORED_STATE,
                        REFUND.REASON.as("reason"),
                        REFUND.REQUESTED_BY.as("requested_by"),
                        FEE_MSAT,
                        REFUND.PROOF.as("proof"),
                        REFUND.COMPLETED_AT.as("completed_at"))
                .from(REFUND)
                .join(MERCHANT)
                .on(MERCHANT.ID.eq(REFUND.MERCHANT_ID))
                .where(REFUND.CREATED_AT.ge(UtcTimestamps.toDb(criteria.from())))
                .and(REFUND.CREATED_AT.lt(UtcTimestamps.toDb(criteria.to())))
                .and(merchant)
                .orderBy(REFUND.CREATED_AT, REFUND.ID);
    }

    @Override
    public Map<String, Object> parameters(DSLContext ctx, ReportCriteria criteria, ReportTotals totals) {
        for (String label : List.of(LIMIT, COMPLETED, AWAITING, FEES)) {
            totals.addMsat(label, 0L);
        }
        return Map.of();
    }

    @Override
    public void accumulate(Record row, ReportTotals totals) {
        totals.addMsat(LIMIT, row.get(LIMIT_MSAT));
        totals.addMsat(COMPLETED, row.get(COMPLETED_MSAT));
        totals.addMsat(AWAITING, row.get(AWAITING_MSAT));
        if (RefundState.COMPLETED.name().equals(row.get(STORED_STATE))) {
            totals.addMsat(FEES, row.get(FEE_MSAT));
        }
    }
}
