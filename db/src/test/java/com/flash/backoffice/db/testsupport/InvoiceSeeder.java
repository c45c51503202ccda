package com.flash.backoffice.db.testsupport;

import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;

/**
 * Fills the invoice table fast for plan tests and benchmarks: multi-row INSERTs in primary-key order (the ids
 * are random, as real ones, but sorted before inserting so the clustered index is appended to), spread over
 * merchants of very different sizes, BTCPay-like statuses and {@link #SPAN} of creation dates, each with an
 * order id and metadata holding a buyer e-mail. Deterministic for a given seed.
 *
 * <p>Order ids are {@code ord-<merchant>-<n>}, buyer e-mails {@code buyer<n>@shop<merchant>.example}.
 */
public final class InvoiceSeeder {

    public static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    public static final Duration SPAN = Duration.ofDays(730);

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final int ROWS_PER_STATEMENT = 2_000;
    // cumulative shares in percent: most invoices expire unpaid or settle; few stay open or go invalid
    private static final String[] STATUSES = {"EXPIRED", "SETTLED", "NEW", "PROCESSING", "INVALID"};
    private static final int[] STATUS_CUMULATIVE = {50, 88, 94, 96, 100};

    private final DSLContext dsl;
    private final Random random;

    public InvoiceSeeder(DSLContext dsl, long seed) {
        this.dsl = dsl;
        this.random = new Random(seed);
    }

    /** Creates {@code merchants} merchants and {@code invoices} invoices; returns the merchant ids, largest first. */
    public List<String> seed(int merchants, int invoices) {
        MerchantRepository merchantRepository = new MerchantRepository(dsl);
        List<String> merchantIds = new ArrayList<>();
        for (int m = 0; m < merchants; m++) {
            merchantIds.add(merchantRepository
                    .create(NewMerchant.withDefaults("Seeded merchant " + m, "BTC"))
                    .id());
        }
        String[] ids = new String[invoices];
        for (int i = 0; i < invoices; i++) {
            ids[i] = randomId();
        }
        Arrays.sort(ids);
        StringBuilder sql = new StringBuilder();
        int inStatement = 0;
        for (int i = 0; i < invoices; i++) {
            if (inStatement == 0) {
                sql.setLength(0);
                sql.append("INSERT INTO invoice (id, merchant_id, status, amount_msat, currency, order_id, metadata,")
                        .append(" speed_policy, tolerance_bp, processing_fee_bp, created_at, expires_at,")
                        .append(" monitoring_until, updated_at) VALUES ");
            } else {
                sql.append(',');
            }
            appendRow(sql, ids[i], merchantIds, i);
            if (++inStatement == ROWS_PER_STATEMENT || i == invoices - 1) {
                dsl.execute(sql.toString());
                inStatement = 0;
            }
        }
        // engine-independent statistics read every row: InnoDB's own sample a few pages, so plans would vary by run
        dsl.execute("ANALYZE TABLE invoice PERSISTENT FOR ALL");
        return merchantIds;
    }

    private void appendRow(StringBuilder sql, String id, List<String> merchantIds, int n) {
        // a skewed spread: merchant 0 gets about 7% of all invoices, the last ones a few hundredths of a percent
        double r = random.nextDouble();
        int merchant = Math.min(merchantIds.size() - 1, (int) (merchantIds.size() * r * r));
        int dice = random.nextInt(100);
        int status = 0;
        while (dice >= STATUS_CUMULATIVE[status]) {
            status++;
        }
        LocalDateTime created = LocalDateTime.ofInstant(
                END.minusMillis((long) (random.nextDouble() * SPAN.toMillis())), ZoneOffset.UTC);
        String orderId = "ord-" + merchant + "-" + n;
        String email = "buyer" + n + "@shop" + merchant + ".example";
        sql.append("('")
                .append(id)
                .append("','")
                .append(merchantIds.get(merchant))
                .append("','")
                .append(STATUSES[status])
                .append("',")
                .append(1_000L + random.nextInt(100_000_000))
                .append(",'BTC','")
                .append(orderId)
                .append("','{\"orderId\":\"")
                .append(orderId)
                .append("\",\"buyerEmail\":\"")
                .append(email)
                .append("\",\"itemDesc\":\"Coffee beans 250 g\"}','MEDIUM',0,100,'")
                .append(SQL_TIME.format(created))
                .append("','")
                .append(SQL_TIME.format(created.plusMinutes(15)))
                .append("','")
                .append(SQL_TIME.format(created.plusMinutes(15 + 1440)))
                .append("','")
                .append(SQL_TIME.format(created))
                .append("')");
    }

    private String randomId() {
        char[] id = new char[27];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }
}
