package com.flash.backoffice.reports.invoices;

import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.reports.export.ReportColumn;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportQuery;
import com.flash.backoffice.reports.export.ReportTotals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * Every invoice created in {@code [from, to)} (all merchants, or one), one row per invoice with BTCPay's invoice
 * export columns and, in CSV and XLSX, its metadata flattened into one column per dotted key
 * ({@code metadata.orderId}, {@code metadata.buyer.address.city}). Amounts in msat; the price in the invoice's
 * currency.
 */
public final class InvoicesQuery implements ReportQuery {

    public static final String INVOICED = "Invoiced";
    public static final String PAID = "Paid";
    public static final String DUE = "Due";
    public static final String PAID_AT_RATE = "Paid (at the invoice rate)";

    private static final String FROM_WHERE = """
              FROM invoice i
              JOIN merchant m ON m.id = i.merchant_id
             WHERE i.created_at >= ? AND i.created_at < ?
               AND (? IS NULL OR i.merchant_id = ?)
            """;

    private static final String SQL = """
            SELECT i.created_at,
                   i.merchant_id,
                   m.name AS merchant_name,
                   i.id AS invoice_id,
                   i.order_id,
                   i.expires_at,
                   i.monitoring_until,
                   i.status,
                   i.additional_status,
                   i.currency,
                   i.fiat_amount,
                   i.rate,
                   i.amount_msat,
                   i.paid_msat,
                   CASE WHEN i.amount_msat IS NULL THEN NULL
                        ELSE CAST(GREATEST(i.amount_msat - i.paid_msat, 0) AS SIGNED) END AS due_msat,
                   (SELECT COUNT(*) FROM invoice_payment p
                     WHERE p.invoice_id = i.id AND p.status <> 'DROPPED') AS payments,
                   JSON_VALUE(i.metadata, '$.itemCode') AS item_code,
                   JSON_VALUE(i.metadata, '$.itemDesc') AS item_desc,
                   JSON_VALUE(i.metadata, '$.buyerEmail') AS buyer_email,
                   CASE WHEN i.archived THEN 'yes' ELSE 'no' END AS archived,
                   i.metadata
            """ + FROM_WHERE + """
             ORDER BY i.created_at, i.id
            """;

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.timestamp("created_at", "Created (UTC)"),
            ReportColumn.text("merchant_id", "Store id"),
            ReportColumn.text("merchant_name", "Store"),
            ReportColumn.text("invoice_id", "Invoice id"),
            ReportColumn.text("order_id", "Order id"),
            ReportColumn.timestamp("expires_at", "Expires (UTC)"),
            ReportColumn.timestamp("monitoring_until", "Monitored until (UTC)"),
            ReportColumn.text("full_status", "Full status")
                    .computedBy(row -> InvoiceValues.fullStatus(
                            row.get("status", String.class), row.get("additional_status", String.class))),
            ReportColumn.text("status", "Status"),
            ReportColumn.text("additional_status", "Exception status"),
            ReportColumn.text("currency", "Currency"),
            ReportColumn.decimal("price", "Price")
                    .computedBy(row -> InvoiceValues.price(
                            row.get("currency", String.class),
                            row.get("fiat_amount", BigDecimal.class),
                            row.get("amount_msat", Long.class))),
            ReportColumn.decimal("rate", "Rate (currency per BTC)"),
            ReportColumn.btc("amount_msat", "Amount BTC"),
            ReportColumn.btc("paid_msat", "Paid BTC"),
            ReportColumn.btc("due_msat", "Due BTC"),
            ReportColumn.text("payments", "Payments"),
            ReportColumn.text("item_code", "Item code"),
            ReportColumn.text("item_desc", "Item description"),
            ReportColumn.text("buyer_email", "Buyer email"),
            ReportColumn.text("archived", "Archived"));

    /** The fixed columns; {@link #columns(DSLContext, ReportCriteria)} adds the metadata ones. */
    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<ReportColumn> columns(DSLContext ctx, ReportCriteria criteria) {
        List<ReportColumn> columns = new ArrayList<>(COLUMNS);
        columns.addAll(MetadataColumns.discover(
                ctx.resultQuery("SELECT i.metadata " + FROM_WHERE, bindings(criteria)), "metadata"));
        return columns;
    }

    @Override
    public ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria) {
        return ctx.resultQuery(SQL, bindings(criteria));
    }

    private static Object[] bindings(ReportCriteria criteria) {
        return new Object[] {
            UtcTimestamps.toDb(criteria.from()),
            UtcTimestamps.toDb(criteria.to()),
            criteria.merchantId(),
            criteria.merchantId()
        };
    }

    @Override
    public Map<String, Object> parameters(DSLContext ctx, ReportCriteria criteria, ReportTotals totals) {
        totals.addMsat(INVOICED, 0L);
        totals.addMsat(PAID, 0L);
        totals.addMsat(DUE, 0L);
        return Map.of();
    }

    @Override
    public void accumulate(Record row, ReportTotals totals) {
        Long paid = row.get("paid_msat", Long.class);
        totals.addMsat(INVOICED, row.get("amount_msat", Long.class));
        totals.addMsat(PAID, paid);
        totals.addMsat(DUE, row.get("due_msat", Long.class));
        String currency = row.get("currency", String.class);
        BigDecimal fiatAmount = row.get("fiat_amount", BigDecimal.class);
        if (fiatAmount != null) {
            totals.addFiat(currency, INVOICED, fiatAmount);
            totals.addFiat(currency, PAID_AT_RATE, InvoiceValues.fiat(paid, row.get("rate", BigDecimal.class)));
        }
    }
}
