package com.flash.backoffice.reports.invoices;

import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.reports.export.ReportColumn;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportQuery;
import com.flash.backoffice.reports.export.ReportTotals;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * Every invoice payment received (first seen) in {@code [from, to)}, one row per payment with BTCPay's invoice
 * export columns: the payment, its invoice, the amount in BTC and in the invoice's currency at the invoice's rate,
 * and what was still due on the invoice after it. A dropped (double-spent or replaced) payment is listed with
 * Accounted {@code no} and counts in no total but its own.
 */
public final class PaymentsQuery implements ReportQuery {

    public static final String RECEIVED = "Received";
    public static final String NOT_ACCOUNTED = "Not accounted (dropped)";
    public static final String RECEIVED_AT_RATE = "Received (at the invoice rate)";

    private static final String SQL = """
            SELECT p.seen_at AS received_at,
                   i.merchant_id,
                   m.name AS merchant_name,
                   i.order_id,
                   i.id AS invoice_id,
                   i.created_at AS invoice_created_at,
                   i.expires_at,
                   i.monitoring_until,
                   p.payment_ref,
                   p.destination,
                   p.method,
                   'BTC' AS crypto_code,
                   p.amount_msat,
                   i.rate,
                   i.currency AS invoice_currency,
                   i.fiat_amount AS invoice_fiat_amount,
                   i.amount_msat AS invoice_amount_msat,
                   CASE WHEN i.amount_msat IS NULL THEN NULL
                        ELSE CAST(i.amount_msat - (SELECT COALESCE(SUM(q.amount_msat), 0)
                                                     FROM invoice_payment q
                                                    WHERE q.invoice_id = p.invoice_id
                                                      AND q.status <> 'DROPPED'
                                                      AND (q.seen_at < p.seen_at
                                                           OR (q.seen_at = p.seen_at AND q.id <= p.id))) AS SIGNED)
                        END AS invoice_due_msat,
                   p.status AS payment_status,
                   p.confirmations,
                   CASE WHEN p.status = 'DROPPED' THEN 'no' ELSE 'yes' END AS accounted,
                   i.status,
                   i.additional_status,
                   JSON_VALUE(i.metadata, '$.itemCode') AS item_code,
                   JSON_VALUE(i.metadata, '$.itemDesc') AS item_desc,
                   JSON_VALUE(i.metadata, '$.buyerEmail') AS buyer_email
              FROM invoice_payment p
              JOIN invoice i ON i.id = p.invoice_id
              JOIN merchant m ON m.id = i.merchant_id
             WHERE p.seen_at >= ? AND p.seen_at < ?
               AND (? IS NULL OR i.merchant_id = ?)
             ORDER BY p.seen_at, p.id
            """;

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.timestamp("received_at", "Received (UTC)"),
            ReportColumn.text("merchant_id", "Store id"),
            ReportColumn.text("merchant_name", "Store"),
            ReportColumn.text("order_id", "Order id"),
            ReportColumn.text("invoice_id", "Invoice id"),
            ReportColumn.timestamp("invoice_created_at", "Invoice created (UTC)"),
            ReportColumn.timestamp("expires_at", "Invoice expires (UTC)"),
            ReportColumn.timestamp("monitoring_until", "Invoice monitored until (UTC)"),
            ReportColumn.text("payment_ref", "Payment id"),
            ReportColumn.text("destination", "Destination"),
            ReportColumn.text("payment_type", "Payment type")
                    .computedBy(row -> InvoiceValues.paymentType(row.get("method", String.class))),
            ReportColumn.text("crypto_code", "Crypto code"),
            ReportColumn.btc("amount_msat", "Paid BTC"),
            ReportColumn.decimal("rate", "Conversion rate"),
            ReportColumn.decimal("paid_fiat", "Paid (invoice currency)")
                    .computedBy(row ->
                            InvoiceValues.fiat(row.get("amount_msat", Long.class), row.get("rate", BigDecimal.class))),
            ReportColumn.text("invoice_currency", "Invoice currency"),
            ReportColumn.btc("invoice_due_msat", "Invoice due BTC"),
            ReportColumn.decimal("invoice_price", "Invoice price")
                    .computedBy(row -> InvoiceValues.price(
                            row.get("invoice_currency", String.class),
                            row.get("invoice_fiat_amount", BigDecimal.class),
                            row.get("invoice_amount_msat", Long.class))),
            ReportColumn.text("item_code", "Item code"),
            ReportColumn.text("item_desc", "Item description"),
            ReportColumn.text("full_status", "Invoice full status")
                    .computedBy(row -> InvoiceValues.fullStatus(
                            row.get("status", String.class), row.get("additional_status", String.class))),
            ReportColumn.text("status", "Invoice status"),
            ReportColumn.text("additional_status", "Invoice exception status"),
            ReportColumn.text("buyer_email", "Buyer email"),
            ReportColumn.text("payment_status", "Payment status"),
            ReportColumn.text("confirmations", "Confirmations"),
            ReportColumn.text("accounted", "Accounted"));

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
        totals.addMsat(RECEIVED, 0L);
        totals.addMsat(NOT_ACCOUNTED, 0L);
        return Map.of();
    }

    @Override
    public void accumulate(Record row, ReportTotals totals) {
        Long amount = row.get("amount_msat", Long.class);
        if ("DROPPED".equals(row.get("payment_status", String.class))) {
            totals.addMsat(NOT_ACCOUNTED, amount);
            return;
        }
        totals.addMsat(RECEIVED, amount);
        String currency = row.get("invoice_currency", String.class);
        if (row.get("invoice_fiat_amount", BigDecimal.class) != null) {
            totals.addFiat(currency, RECEIVED_AT_RATE, InvoiceValues.fiat(amount, row.get("rate", BigDecimal.class)));
        }
    }
}
