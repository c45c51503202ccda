package com.flash.backoffice.portal.bench;

import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

/**
 * The baseline: one autocommitted single-row INSERT per invoice, with the columns the repository writes at
 * creation, over a connection per client. No API, no payment methods, no workflow.
 */
final class RawInvoiceInserts implements ConcurrentLoad.ClientFactory {

    private static final String INSERT = """
            INSERT INTO invoice (id, merchant_id, status, additional_status, amount_msat, currency, order_id,
                                 metadata, speed_policy, tolerance_bp, processing_fee_bp, created_at, expires_at,
                                 monitoring_until, paid_msat, revision, updated_at)
            VALUES (?, ?, 'NEW', 'NONE', ?, 'BTC', ?, ?, 'MEDIUM', 0, 100, ?, ?, ?, 0, 0, ?)""";

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String merchantId;

    RawInvoiceInserts(String jdbcUrl, String username, String password, String merchantId) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.merchantId = merchantId;
    }

    @Override
    public ConcurrentLoad.Client open() throws Exception {
        Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
        connection.setAutoCommit(true);
        PreparedStatement insert = connection.prepareStatement(INSERT);
        return new ConcurrentLoad.Client() {
            @Override
            public void perform(int n) throws Exception {
                Instant now = Instant.now();
                insert.setString(1, RandomIds.newId());
                insert.setString(2, merchantId);
                insert.setLong(3, InvoiceApiBenchmark.AMOUNT_MSAT);
                insert.setString(4, "raw-" + n);
                insert.setString(5, InvoiceApiBenchmark.metadata("raw-" + n, n));
                insert.setObject(6, UtcTimestamps.toDb(now));
                insert.setObject(7, UtcTimestamps.toDb(now.plus(Duration.ofMinutes(15))));
                insert.setObject(8, UtcTimestamps.toDb(now.plus(Duration.ofMinutes(15 + 1440))));
                insert.setObject(9, UtcTimestamps.toDb(now));
                insert.executeUpdate();
            }

            @Override
            public void close() throws Exception {
                insert.close();
                connection.close();
            }
        };
    }
}
