package com.flash.backoffice.db.payment;

import static com.flash.backoffice.db.jooq.Tables.PAYMENT;
import static com.flash.backoffice.db.jooq.Tables.PAYMENT_BATCH;

import com.flash.backoffice.db.jooq.tables.records.PaymentBatchRecord;
import com.flash.backoffice.db.support.SqlErrors;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * On-chain batches. A run opens at most one batch, under its run key, so a retried run finds the batch it opened; a
 * payment joins at most one batch (rows are locked while gathered, so two runs at once never share a payment). Every
 * state change is conditional on the state before it: a retry never moves a final batch.
 */
@Repository
public class PaymentBatchRepository {

    private static final List<com.flash.backoffice.db.jooq.enums.PaymentBatchStatus> PENDING = List.of(
            com.flash.backoffice.db.jooq.enums.PaymentBatchStatus.OPEN,
            com.flash.backoffice.db.jooq.enums.PaymentBatchStatus.AWAITING_SIGNATURE);

    private final DSLContext ctx;

    private static final int DEADLOCK_ATTEMPTS = 5;

    public PaymentBatchRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Gathers the on-chain payments handed over for batching (IN_FLIGHT) that no batch holds, oldest first, at most
     * {@code maxPayments}, into a new batch under {@code runKey}; the batch that key opened before, if any; empty
     * when nothing waits. A payment only RECORDED is not handed over yet (its payer has not checked that nothing was
     * sent for it before), so it is never gathered.
     */
    public Optional<PaymentBatch> open(String runKey, BatchCustody custody, int targetConf, int maxPayments) {
        Objects.requireNonNull(runKey, "runKey");
        if (maxPayments < 1 || targetConf < 1) {
            throw new IllegalArgumentException("maxPayments and targetConf must be at least 1");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(runKey, custody, targetConf, maxPayments);
            } catch (DataAccessException e) {
                // the skip-locked scan's next-key locks can still cross a concurrent run's index updates; the victim
                // was rolled back whole, and opening is idempotent by run key, so it runs again
                if (!SqlErrors.isDeadlock(e) || attempt == DEADLOCK_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Optional<PaymentBatch> openOnce(String runKey, BatchCustody custody, int targetConf, int maxPayments) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            Optional<PaymentBatch> opened = tx.selectFrom(PAYMENT_BATCH)
                    .where(PAYMENT_BATCH.RUN_KEY.eq(runKey))
                    .fetchOptional(PaymentBatchRepository::toBatch);
            if (opened.isPresent()) {
                return opened;
            }
            List<String> waiting = tx.select(PAYMENT.PAYMENT_ID)
                    .from(PAYMENT)
                    .where(PAYMENT.KIND.eq(com.flash.backoffice.db.jooq.enums.PaymentKind.ONCHAIN))
                    .and(PAYMENT.STATUS.eq(com.flash.backoffice.db.jooq.enums.PaymentStatus.IN_FLIGHT))
                    .and(PAYMENT.BATCH_ID.isNull())
                    .orderBy(PAYMENT.CREATED_AT, PAYMENT.PAYMENT_ID)
                    .limit(maxPayments)
                    .forUpdate()
                    .skipLocked()
                    .fetch(PAYMENT.PAYMENT_ID);
            if (waiting.isEmpty()) {
                return Optional.empty();
            }
            Instant now = UtcTimestamps.now();
            long batchId = tx.insertInto(PAYMENT_BATCH)
                    .set(PAYMENT_BATCH.RUN_KEY, runKey)
                    .set(
                            PAYMENT_BATCH.CUSTODY,
                            com.flash.backoffice.db.jooq.enums.PaymentBatchCustody.valueOf(custody.name()))
                    .set(PAYMENT_BATCH.TARGET_CONF, targetConf)
                    .set(PAYMENT_BATCH.CREATED_AT, UtcTimestamps.toDb(now))
                    .set(PAYMENT_BATCH.UPDATED_AT, UtcTimestamps.toDb(now))
                    .returningResult(PAYMENT_BATCH.BATCH_ID)
                    .fetchOne()
                    .value1();
            // by primary key only: the rows are this transaction's (locked above). A "batch_id IS NULL" condition let
            // InnoDB scan the batch_id index and wait on rows a concurrent run had locked: a deadlock (seen in CI)
            tx.update(PAYMENT)
                    .set(PAYMENT.BATCH_ID, batchId)
                    .set(PAYMENT.UPDATED_AT, UtcTimestamps.toDb(now))
                    .where(PAYMENT.PAYMENT_ID.in(waiting))
                    .execute();
            return tx.selectFrom(PAYMENT_BATCH)
                    .where(PAYMENT_BATCH.BATCH_ID.eq(batchId))
                    .fetchOptional(PaymentBatchRepository::toBatch);
        });
    }

    public Optional<PaymentBatch> find(long batchId) {
        return ctx.selectFrom(PAYMENT_BATCH)
                .where(PAYMENT_BATCH.BATCH_ID.eq(batchId))
                .fetchOptional(PaymentBatchRepository::toBatch);
    }

    /** The batch's payments, by payment id (the order fees are shared out in). */
    public List<Payment> payments(long batchId) {
        return ctx.selectFrom(PAYMENT)
                .where(PAYMENT.BATCH_ID.eq(batchId))
                .orderBy(PAYMENT.PAYMENT_ID)
                .fetch(PaymentRepository::toPayment);
    }

    /** The most recent batches first, with their totals. */
    public List<BatchSummary> recent(int limit) {
        var count = DSL.count(PAYMENT.PAYMENT_ID);
        var amount = DSL.coalesce(DSL.sum(PAYMENT.AMOUNT_MSAT), DSL.inline(java.math.BigDecimal.ZERO));
        return ctx.select(PAYMENT_BATCH.asterisk(), count, amount)
                .from(PAYMENT_BATCH)
                .leftJoin(PAYMENT)
                .on(PAYMENT.BATCH_ID.eq(PAYMENT_BATCH.BATCH_ID))
                .groupBy(PAYMENT_BATCH.BATCH_ID)
                .orderBy(PAYMENT_BATCH.BATCH_ID.desc())
                .limit(limit)
                .fetch(row -> new BatchSummary(
                        toBatch(row.into(PAYMENT_BATCH)),
                        row.get(count),
                        row.get(amount).longValueExact()));
    }

    /** Stores a cold batch's PSBT funding; a batch past OPEN keeps the funding it has. */
    public PaymentBatch awaitSignature(long batchId, String funding) {
        Objects.requireNonNull(funding, "funding");
        ctx.update(PAYMENT_BATCH)
                .set(PAYMENT_BATCH.STATUS, com.flash.backoffice.db.jooq.enums.PaymentBatchStatus.AWAITING_SIGNATURE)
                .set(PAYMENT_BATCH.FUNDING, funding)
                .set(PAYMENT_BATCH.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .where(PAYMENT_BATCH.BATCH_ID.eq(batchId))
                .and(PAYMENT_BATCH.STATUS.eq(com.flash.backoffice.db.jooq.enums.PaymentBatchStatus.OPEN))
                .execute();
        return require(batchId);
    }

    /** Notes why the last signed upload was refused; the batch keeps waiting for a good one. */
    public PaymentBatch noteRefusal(long batchId, String detail) {
        ctx.update(PAYMENT_BATCH)
                .set(PAYMENT_BATCH.DETAIL, abbreviate(detail))
                .set(PAYMENT_BATCH.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .where(PAYMENT_BATCH.BATCH_ID.eq(batchId))
                .and(PAYMENT_BATCH.STATUS.in(PENDING))
                .execute();
        return require(batchId);
    }

    /**
     * Sends a pending batch once: runs {@code send} while holding the batch's row lock (so two processes never send
     * one batch at once) and stores what it came to in the same transaction. A final batch is returned as it is,
     * without calling {@code send}. Should {@code send} throw, nothing is stored and the batch stays pending: the
     * retry's {@code send} must find what the first one sent (by the batch's label).
     */
    public PaymentBatch sendOnce(long batchId, Function<PaymentBatch, BatchSendResult> send) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            PaymentBatch batch = tx.selectFrom(PAYMENT_BATCH)
                    .where(PAYMENT_BATCH.BATCH_ID.eq(batchId))
                    .forUpdate()
                    .fetchOptional(PaymentBatchRepository::toBatch)
                    .orElseThrow(() -> new IllegalArgumentException("no payment batch " + batchId));
            if (batch.status().isFinal()) {
                return batch;
            }
            BatchSendResult result = send.apply(batch);
            var update =
                    tx.update(PAYMENT_BATCH).set(PAYMENT_BATCH.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()));
            if (result.txid() != null) {
                update.set(PAYMENT_BATCH.STATUS, com.flash.backoffice.db.jooq.enums.PaymentBatchStatus.BROADCAST)
                        .set(PAYMENT_BATCH.TXID, result.txid())
                        .set(PAYMENT_BATCH.FEE_SAT, result.feeSat())
                        .set(PAYMENT_BATCH.SIGNED_BY, result.signedBy())
                        .setNull(PAYMENT_BATCH.DETAIL);
            } else {
                update.set(PAYMENT_BATCH.STATUS, com.flash.backoffice.db.jooq.enums.PaymentBatchStatus.FAILED)
                        .set(PAYMENT_BATCH.DETAIL, abbreviate(result.failure()));
            }
            update.where(PAYMENT_BATCH.BATCH_ID.eq(batchId)).execute();
            return tx.selectFrom(PAYMENT_BATCH)
                    .where(PAYMENT_BATCH.BATCH_ID.eq(batchId))
                    .fetchOne(PaymentBatchRepository::toBatch);
        });
    }

    /** Marks the batch sent as {@code txid}; the first broadcast stays (a retry with the same txid is a no-op). */
    public PaymentBatch broadcast(long batchId, String txid, long feeSat, String signedBy) {
        Objects.requireNonNull(txid, "txid");
        ctx.update(PAYMENT_BATCH)
                .set(PAYMENT_BATCH.STATUS, com.flash.backoffice.db.jooq.enums.PaymentBatchStatus.BROADCAST)
                .set(PAYMENT_BATCH.TXID, txid)
                .set(PAYMENT_BATCH.FEE_SAT, feeSat)
                .set(PAYMENT_BATCH.SIGNED_BY, signedBy)
                .setNull(PAYMENT_BATCH.DETAIL)
                .set(PAYMENT_BATCH.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .where(PAYMENT_BATCH.BATCH_ID.eq(batchId))
                .and(PAYMENT_BATCH.STATUS.in(PENDING))
                .execute();
        return require(batchId);
    }

    /** Fails a batch that sent nothing; a broadcast batch is never failed here (its payments follow the chain). */
    public PaymentBatch fail(long batchId, String detail) {
        Objects.requireNonNull(detail, "detail");
        ctx.update(PAYMENT_BATCH)
                .set(PAYMENT_BATCH.STATUS, com.flash.backoffice.db.jooq.enums.PaymentBatchStatus.FAILED)
                .set(PAYMENT_BATCH.DETAIL, abbreviate(detail))
                .set(PAYMENT_BATCH.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .where(PAYMENT_BATCH.BATCH_ID.eq(batchId))
                .and(PAYMENT_BATCH.STATUS.in(PENDING))
                .execute();
        return require(batchId);
    }

    private PaymentBatch require(long batchId) {
        return find(batchId).orElseThrow(() -> new IllegalArgumentException("no payment batch " + batchId));
    }

    private static String abbreviate(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...";
    }

    private static PaymentBatch toBatch(PaymentBatchRecord row) {
        return new PaymentBatch(
                row.getBatchId(),
                row.getRunKey(),
                BatchCustody.valueOf(row.getCustody().name()),
                BatchStatus.valueOf(row.getStatus().name()),
                row.getTargetConf(),
                row.getFunding(),
                row.getTxid(),
                row.getFeeSat(),
                row.getDetail(),
                row.getSignedBy(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                UtcTimestamps.fromDb(row.getUpdatedAt()));
    }
}
