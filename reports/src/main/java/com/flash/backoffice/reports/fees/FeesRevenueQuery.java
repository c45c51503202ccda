package com.flash.backoffice.reports.fees;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
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
 * Processing fees earned in {@code [from, to)}, per month (UTC), merchant and fiat currency: the net of the
 * {@code revenue:processing-fees} lines (credits less debits, so reversals count against). The merchant of a fee
 * line is the merchant of another account in the same entry (its {@code liabilities:merchant:<id>} balance), or
 * else the merchant of the invoice named by the entry's source key {@code invoice-<id>-settlement...}.
 */
public final class FeesRevenueQuery implements ReportQuery {

    public static final String FEES = "Processing fees";

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.text("month", "Month"),
            ReportColumn.text("merchant_id", "Merchant id"),
            ReportColumn.text("merchant_name", "Merchant"),
            ReportColumn.text("entries", "Entries"),
            ReportColumn.btc("fee_msat", "Fees BTC"),
            ReportColumn.decimal("fee_fiat", "Fees fiat"),
            ReportColumn.text("fiat_currency", "Fiat currency"));

    // MariaDB: 'invoice-' is 8 characters, so the invoice id starts at position 9.
    private static final String SQL = """
            SELECT f.month,
                   f.merchant_id,
                   COALESCE(m.name, '(no merchant)') AS merchant_name,
                   f.fiat_currency,
                   COUNT(DISTINCT f.entry_id) AS entries,
                   CAST(SUM(f.fee_msat) AS SIGNED) AS fee_msat,
                   SUM(f.fee_fiat) AS fee_fiat
              FROM (SELECT DATE_FORMAT(e.booked_at, '%Y-%m') AS month,
                           e.id AS entry_id,
                           CASE l.side WHEN 'CREDIT' THEN l.amount_msat ELSE -l.amount_msat END AS fee_msat,
                           CASE l.side WHEN 'CREDIT' THEN l.fiat_amount ELSE -l.fiat_amount END AS fee_fiat,
                           l.fiat_currency,
                           COALESCE(
                               (SELECT MIN(oa.merchant_id)
                                  FROM ledger_line ol
                                  JOIN ledger_account oa ON oa.id = ol.account_id
                                 WHERE ol.entry_id = e.id AND oa.merchant_id IS NOT NULL),
                               (SELECT i.merchant_id
                                  FROM invoice i
                                 WHERE e.source_key LIKE 'invoice-%-settlement%'
                                   AND i.id = SUBSTRING_INDEX(SUBSTRING(e.source_key, 9), '-settlement', 1)))
                               AS merchant_id
                      FROM ledger_line l
                      JOIN ledger_entry e ON e.id = l.entry_id
                      JOIN ledger_account a ON a.id = l.account_id
                     WHERE a.code = ?
                       AND e.posted
                       AND e.booked_at >= ?
                       AND e.booked_at < ?) f
              LEFT JOIN merchant m ON m.id = f.merchant_id
             WHERE (? IS NULL OR f.merchant_id = ?)
             GROUP BY f.month, f.merchant_id, m.name, f.fiat_currency
             ORDER BY f.month, merchant_name, f.merchant_id, f.fiat_currency
            """;

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria) {
        return ctx.resultQuery(
                SQL,
                ChartOfAccounts.PROCESSING_FEE_REVENUE.code(),
                UtcTimestamps.toDb(criteria.from()),
                UtcTimestamps.toDb(criteria.to()),
                criteria.merchantId(),
                criteria.merchantId());
    }

    @Override
    public Map<String, Object> parameters(DSLContext ctx, ReportCriteria criteria, ReportTotals totals) {
        totals.addMsat(FEES, 0L);
        return Map.of();
    }

    @Override
    public void accumulate(Record row, ReportTotals totals) {
        totals.addMsat(FEES, row.get("fee_msat", Long.class));
        totals.addFiat(row.get("fiat_currency", String.class), FEES, row.get("fee_fiat", BigDecimal.class));
    }
}
