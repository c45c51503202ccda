package com.flash.backoffice.db.payment;

import static com.flash.backoffice.db.jooq.Tables.PAYMENT;

import com.flash.backoffice.db.jooq.tables.records.PaymentRecord;
import com.flash.backoffice.db.support.SqlErrors;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Payments by business id. Every write is conditional on the state read before it, so a retry of the activity, or
 * two at once, store the intent once, attach one hash, and keep the first final state.
 */
@Repository
public class PaymentRepository {

    private static final List<com.flash.backoffice.db.jooq.enums.PaymentStatus> OPEN = List.of(
            com.flash.backoffice.db.jooq.enums.PaymentStatus.RECORDED,
            com.flash.backoffice.db.jooq.enums.PaymentStatus.IN_FLIGHT);

    private final DSLContext ctx;

    public PaymentRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Stores the intent unless its id exists, and returns the stored payment either way: a second call never
     * changes what the first recorded (its fee limit stays too).
     *
     * @throws ConflictingPaymentException when the id is recorded with another destination or amount
     */
    public Payment recordIntent(NewPayment intent) {
        Instant now = UtcTimestamps.now();
        ctx.insertInto(PAYMENT)
                .set(PAYMENT.PAYMENT_ID, intent.paymentId())
                .set(
                        PAYMENT.KIND,
                        com.flash.backoffice.db.jooq.enums.PaymentKind.valueOf(
                                intent.kind().name()))
                .set(PAYMENT.DESTINATION, intent.destination())
                .set(PAYMENT.AMOUNT_MSAT, intent.amountMsat())
                .set(PAYMENT.FEE_LIMIT_MSAT, intent.feeLimitMsat())
                .set(PAYMENT.CREATED_AT, UtcTimestamps.toDb(now))
                .set(PAYMENT.UPDATED_AT, UtcTimestamps.toDb(now))
                .onDuplicateKeyIgnore()
                .execute();
        Payment stored = find(intent.paymentId()).orElseThrow();
        if (!stored.destination().equals(intent.destination()) || stored.amountMsat() != intent.amountMsat()) {
            throw new ConflictingPaymentException("Payment " + intent.paymentId() + " is recorded to pay "
                    + stored.amountMsat() + " msat to " + stored.destination() + ", not " + intent.amountMsat()
                    + " msat to " + intent.destination());
        }
        return stored;
    }

    public Optional<Payment> find(String paymentId) {
        return ctx.selectFrom(PAYMENT)
                .where(PAYMENT.PAYMENT_ID.eq(paymentId))
                .fetchOptional(PaymentRepository::toPayment);
    }

    public Optional<Payment> findByHash(String paymentHash) {
        return ctx.selectFrom(PAYMENT)
                .where(PAYMENT.PAYMENT_HASH.eq(paymentHash))
                .fetchOptional(PaymentRepository::toPayment);
    }

    /**
     * Stores the invoice the payment pays and its hash, before it is sent; the same hash again is a no-op (the
     * first invoice stays).
     *
     * @throws ConflictingPaymentException when another payment pays that hash, or this one has another hash
     */
    public Payment attachInvoice(String paymentId, String bolt11, String paymentHash) {
        Objects.requireNonNull(bolt11, "bolt11");
        Objects.requireNonNull(paymentHash, "paymentHash");
        try {
            ctx.update(PAYMENT)
                    .set(PAYMENT.BOLT11, bolt11)
                    .set(PAYMENT.PAYMENT_HASH, paymentHash)
                    .set(PAYMENT.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                    .where(PAYMENT.PAYMENT_ID.eq(paymentId))
                    .and(PAYMENT.PAYMENT_HASH.isNull())
                    .execute();
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                String other = findByHash(paymentHash).map(Payment::paymentId).orElse("another payment");
                throw new ConflictingPaymentException(
                        "The invoice with payment hash " + paymentHash + " is paid by " + other + " already");
            }
            throw e;
        }
        Payment stored = find(paymentId).orElseThrow(() -> new IllegalArgumentException("no payment " + paymentId));
        if (!paymentHash.equals(stored.paymentHash())) {
            throw new ConflictingPaymentException(
                    "Payment " + paymentId + " pays payment hash " + stored.paymentHash() + ", not " + paymentHash);
        }
        return stored;
    }

    /** Marks a recorded payment as handed to the node; a payment past RECORDED is left as it is. */
    public Payment markInFlight(String paymentId) {
        ctx.update(PAYMENT)
                .set(PAYMENT.STATUS, com.flash.backoffice.db.jooq.enums.PaymentStatus.IN_FLIGHT)
                .set(PAYMENT.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .where(PAYMENT.PAYMENT_ID.eq(paymentId))
                .and(PAYMENT.STATUS.eq(com.flash.backoffice.db.jooq.enums.PaymentStatus.RECORDED))
                .execute();
        return find(paymentId).orElseThrow(() -> new IllegalArgumentException("no payment " + paymentId));
    }

    /** Stores the final state unless one is stored already; returns the stored payment (the first outcome wins). */
    public Payment finish(String paymentId, PaymentOutcome outcome) {
        ctx.update(PAYMENT)
                .set(
                        PAYMENT.STATUS,
                        com.flash.backoffice.db.jooq.enums.PaymentStatus.valueOf(
                                outcome.status().name()))
                .set(PAYMENT.FEE_MSAT, outcome.feeMsat())
                .set(PAYMENT.PROOF, outcome.proof())
                .set(PAYMENT.FAILURE, outcome.failure())
                .set(PAYMENT.DETAIL, outcome.detail())
                .set(PAYMENT.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .where(PAYMENT.PAYMENT_ID.eq(paymentId))
                .and(PAYMENT.STATUS.in(OPEN))
                .execute();
        return find(paymentId).orElseThrow(() -> new IllegalArgumentException("no payment " + paymentId));
    }

    static Payment toPayment(PaymentRecord row) {
        return new Payment(
                row.getPaymentId(),
                PaymentKind.valueOf(row.getKind().name()),
                row.getDestination(),
                row.getAmountMsat(),
                row.getFeeLimitMsat(),
                row.getBolt11(),
                row.getPaymentHash(),
                row.getBatchId(),
                PaymentState.valueOf(row.getStatus().name()),
                row.getFeeMsat(),
                row.getProof(),
                row.getFailure(),
                row.getDetail(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                UtcTimestamps.fromDb(row.getUpdatedAt()));
    }
}
