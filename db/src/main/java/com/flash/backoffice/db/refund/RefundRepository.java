package com.flash.backoffice.db.refund;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static com.flash.backoffice.db.jooq.Tables.MERCHANT;
import static com.flash.backoffice.db.jooq.Tables.REFUND;
import static com.flash.backoffice.db.jooq.Tables.REFUND_EVENT;
import static com.flash.backoffice.db.jooq.Tables.SUSPENSE_RECEIPT;

import com.flash.backoffice.db.audit.AuditEvent;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.jooq.tables.records.RefundRecord;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.AsciiKeys;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Refunds, their timeline and their ledger entries. A start locks the invoice row, so the refunds of one invoice are
 * checked against what was paid one at a time; an approval's reservation locks the refund, the invoice and then the
 * merchant (always in that order) and writes the step with its entry; every later step is written once per revision,
 * with its entry and (for a person's command) its audit row, in one transaction.
 */
@Repository
public class RefundRepository {

    /** The invoice webhook (and timeline) event a refund's start and its end write to the invoice's outbox. */
    public static final String INVOICE_EVENT_TYPE = "InvoiceRefund";

    private static final int CLAIM_TOKEN_BYTES = 24;
    private static final int K1_BYTES = 32;

    private final DSLContext ctx;

    public RefundRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    public RefundStartResult start(NewRefund request) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Optional<Invoice> locked = lockInvoice(tx, request.invoiceId());
            if (locked.isEmpty()) {
                return new RefundStartResult.UnknownInvoice();
            }
            Invoice invoice = locked.get();
            Optional<String> notRefundable = RefundRules.refusal(invoice);
            if (notRefundable.isPresent()) {
                return new RefundStartResult.NotRefundable(notRefundable.get());
            }
            long amount = request.quote().amountMsat();
            long refunded = refundedMsat(tx, invoice.id(), null);
            if (Math.addExact(refunded, amount) > invoice.paidMsat()) {
                return exceedsPaid(invoice, refunded);
            }
            if (request.source() == RefundSource.SUSPENSE) {
                Optional<String> problem = suspenseProblem(tx, request.suspenseReceiptId(), invoice, amount);
                if (problem.isPresent()) {
                    return new RefundStartResult.SuspenseUnavailable(problem.get());
                }
            } else if (!request.allowNegativeBalance()) {
                Msat payable = new LedgerRepository(tx)
                        .merchantBalances(invoice.merchantId())
                        .payable();
                if (payable.msat() < amount) {
                    return new RefundStartResult.InsufficientBalance(payable.isNegative() ? Msat.ZERO : payable);
                }
            }
            String id = RandomIds.newId();
            Instant now = UtcTimestamps.now();
            RefundQuote quote = request.quote();
            tx.insertInto(REFUND)
                    .set(REFUND.ID, id)
                    .set(REFUND.INVOICE_ID, invoice.id())
                    .set(REFUND.MERCHANT_ID, invoice.merchantId())
                    .set(
                            REFUND.VARIANT,
                            com.flash.backoffice.db.jooq.enums.RefundVariant.valueOf(
                                    quote.variant().name()))
                    .set(
                            REFUND.SOURCE,
                            com.flash.backoffice.db.jooq.enums.RefundSource.valueOf(
                                    request.source().name()))
                    .set(REFUND.SUSPENSE_RECEIPT_ID, request.suspenseReceiptId())
                    .set(REFUND.AMOUNT_MSAT, amount)
                    .set(REFUND.AMOUNT_FIXED, quote.fixed())
                    .set(REFUND.FIAT_AMOUNT, quote.fiatAmount())
                    .set(REFUND.FIAT_CURRENCY, quote.fiatCurrency())
                    .set(REFUND.RATE, quote.rate())
                    .set(
                            REFUND.SUBTRACT_PERCENTAGE,
                            quote.subtractPercentage() == null ? BigDecimal.ZERO : quote.subtractPercentage())
                    .set(REFUND.REASON, truncate(request.reason().strip(), RefundRules.MAX_REASON_LENGTH))
                    .set(REFUND.ALLOW_NEGATIVE_BALANCE, request.allowNegativeBalance())
                    .set(REFUND.DESTINATION, request.destination())
                    .set(REFUND.CLAIM_TOKEN, RandomIds.randomHex(CLAIM_TOKEN_BYTES))
                    .set(REFUND.K1, RandomIds.randomHex(K1_BYTES))
                    .set(REFUND.STATE, com.flash.backoffice.db.jooq.enums.RefundState.AWAITING_APPROVAL)
                    .set(REFUND.COUNTS_AGAINST_PAID, true)
                    .set(REFUND.REVISION, 0)
                    .set(REFUND.ATTEMPTS, 0)
                    .set(
                            REFUND.ORIGIN,
                            com.flash.backoffice.db.jooq.enums.RefundOrigin.valueOf(
                                    request.origin().name()))
                    .set(REFUND.REQUESTED_BY, request.requestedBy())
                    .set(REFUND.FEE_LIMIT_MSAT, request.feeLimitMsat())
                    .set(REFUND.CREATED_AT, UtcTimestamps.toDb(now))
                    .set(REFUND.UPDATED_AT, UtcTimestamps.toDb(now))
                    .execute();
            insertEvent(
                    tx,
                    id,
                    0,
                    RefundState.AWAITING_APPROVAL,
                    request.requestedBy(),
                    "Requested: " + quote.variant().greenfieldName() + ", "
                            + Msat.ofMsat(amount).toBtcString() + " BTC; "
                            + request.reason().strip(),
                    now);
            Refund refund = findById(tx, id).orElseThrow();
            invoiceEvent(tx, invoice, refund, now);
            return new RefundStartResult.Created(refund);
        });
    }

    /**
     * The approval's reservation, once per revision: checks the refund (with {@code amountMsat}, which fixes a Fiat
     * refund's amount now) against what is left of the invoice and against the merchant's payable balance (or the
     * receipt in suspense), then reserves it and moves the refund to AWAITING_CLAIM until {@code claimExpiresAt}; or
     * cancels it with the reason. A retry answers what the first call did.
     */
    public RefundReservation reserve(
            String refundId, int revision, long amountMsat, String note, Instant claimExpiresAt, Instant at) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Refund refund = lockRefund(tx, refundId);
            if (refund.revision() >= revision) {
                return refund.reservedFromBalanceMsat() != null
                        ? RefundReservation.reserved(refund.amountMsat())
                        : RefundReservation.refused(refund.amountMsat(), refund.failureDetail());
            }
            requireState(refund, RefundState.AWAITING_APPROVAL);
            Invoice invoice = lockInvoice(tx, refund.invoiceId()).orElseThrow();
            Optional<String> refusal = reservationRefusal(tx, refund, invoice, amountMsat);
            if (refusal.isPresent()) {
                cancel(tx, refund, revision, amountMsat, refusal.get(), at);
                return RefundReservation.refused(amountMsat, refusal.get());
            }
            long fromBalance = amountMsat;
            if (refund.source() == RefundSource.SUSPENSE) {
                SuspenseReceipt receipt = lockReceipt(tx, refund.suspenseReceiptId());
                new SuspenseReceiptRepository(tx).resolve(receipt.id(), receipt.revision(), amountMsat);
                fromBalance = 0;
            } else if (refund.allowNegativeBalance()) {
                long payable = new LedgerRepository(tx)
                        .merchantBalances(refund.merchantId())
                        .payable()
                        .msat();
                fromBalance = Math.max(0, Math.min(amountMsat, payable));
            }
            tx.update(REFUND)
                    .set(REFUND.AMOUNT_MSAT, amountMsat)
                    .set(REFUND.AMOUNT_FIXED, true)
                    .set(REFUND.STATE, com.flash.backoffice.db.jooq.enums.RefundState.AWAITING_CLAIM)
                    .set(REFUND.REVISION, revision)
                    .set(REFUND.RESERVED_FROM_BALANCE_MSAT, fromBalance)
                    .set(
                            REFUND.RECEIVABLE_MSAT,
                            refund.source() == RefundSource.SUSPENSE ? 0 : amountMsat - fromBalance)
                    .set(REFUND.CLAIM_EXPIRES_AT, UtcTimestamps.toDb(claimExpiresAt))
                    .set(REFUND.UPDATED_AT, UtcTimestamps.toDb(at))
                    .where(REFUND.ID.eq(refundId))
                    .execute();
            Refund reserved = findById(tx, refundId).orElseThrow();
            RefundLedger.reserve(tx, reserved, amountMsat, fromBalance, at);
            String receivable = amountMsat > fromBalance && refund.source() == RefundSource.MERCHANT
                    ? "; " + Msat.ofMsat(amountMsat - fromBalance).toBtcString()
                            + " BTC beyond the merchant's balance booked as a receivable (allowed by FINANCE)"
                    : "";
            insertEvent(
                    tx,
                    refundId,
                    revision,
                    RefundState.AWAITING_CLAIM,
                    "workflow",
                    note + ": " + Msat.ofMsat(amountMsat).toBtcString() + " BTC reserved" + receivable,
                    at);
            return RefundReservation.reserved(amountMsat);
        });
    }

    /**
     * Writes the step unless this revision (or a newer one) is stored; returns whether it wrote. Completion books the
     * payment with its fee; cancellation and expiry release a reservation; a return to AWAITING_CLAIM (after a failed
     * payment) gives the claim a fresh k1 and clears the destination.
     */
    public boolean saveState(RefundStateChange change, boolean paidOnchain) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Refund refund = lockRefund(tx, change.refundId());
            if (refund.revision() >= change.revision()) {
                return false;
            }
            if (refund.state().isFinal()) {
                throw new IllegalStateException("refund " + refund.id() + " is " + refund.state()
                        + " already; it cannot become " + change.state());
            }
            var update = tx.update(REFUND)
                    .set(
                            REFUND.STATE,
                            com.flash.backoffice.db.jooq.enums.RefundState.valueOf(
                                    change.state().name()))
                    .set(REFUND.REVISION, change.revision())
                    .set(REFUND.ATTEMPTS, change.attempts())
                    .set(REFUND.COUNTS_AGAINST_PAID, change.state().countsAgainstPaid())
                    .set(REFUND.UPDATED_AT, UtcTimestamps.toDb(change.at()))
                    .set(REFUND.COMPLETED_AT, change.state().isFinal() ? UtcTimestamps.toDb(change.at()) : null);
            switch (change.state()) {
                case IN_PROGRESS ->
                    update = update.set(REFUND.DESTINATION, change.destination())
                            .set(REFUND.FAILURE_DETAIL, (String) null);
                case AWAITING_CLAIM ->
                    update = update.set(REFUND.DESTINATION, (String) null)
                            .set(REFUND.K1, RandomIds.randomHex(K1_BYTES))
                            .set(REFUND.K1_USED_AT, (java.time.LocalDateTime) null)
                            .set(REFUND.FAILURE_DETAIL, truncate(change.failureDetail(), 500));
                case COMPLETED ->
                    update = update.set(REFUND.FEE_MSAT, change.feeMsat()).set(REFUND.PROOF, change.proof());
                default -> update = update.set(REFUND.FAILURE_DETAIL, truncate(change.failureDetail(), 500));
            }
            update.where(REFUND.ID.eq(refund.id())).execute();
            insertEvent(tx, refund.id(), change.revision(), change.state(), change.actor(), change.note(), change.at());
            if (change.audited()) {
                audit(tx, refund, change);
            }
            if (change.state() == RefundState.COMPLETED) {
                RefundLedger.complete(
                        tx, refund, paidOnchain, change.feeMsat() == null ? 0 : change.feeMsat(), change.at());
            } else if ((change.state() == RefundState.CANCELLED || change.state() == RefundState.EXPIRED)
                    && refund.reservedFromBalanceMsat() != null) {
                RefundLedger.release(tx, refund, change.at());
                if (refund.source() == RefundSource.SUSPENSE) {
                    new SuspenseReceiptRepository(tx).reopen(refund.suspenseReceiptId(), refund.amountMsat());
                }
            }
            if (change.state().isFinal()) {
                invoiceEvent(
                        tx,
                        lockInvoice(tx, refund.invoiceId()).orElseThrow(),
                        findById(tx, refund.id()).orElseThrow(),
                        change.at());
            }
            return true;
        });
    }

    /**
     * Takes the claim's single-use k1 for a claim arriving now: true for exactly one caller while the refund awaits
     * its claim and the claim has not expired.
     */
    public boolean consumeK1(String k1, Instant now) {
        if (!AsciiKeys.couldBeKey(k1)) {
            return false;
        }
        return ctx.update(REFUND)
                        .set(REFUND.K1_USED_AT, UtcTimestamps.toDb(now))
                        .where(REFUND.K1.eq(k1))
                        .and(REFUND.K1_USED_AT.isNull())
                        .and(REFUND.STATE.eq(com.flash.backoffice.db.jooq.enums.RefundState.AWAITING_CLAIM))
                        .and(REFUND.CLAIM_EXPIRES_AT.gt(UtcTimestamps.toDb(now)))
                        .execute()
                == 1;
    }

    public Optional<Refund> findById(String id) {
        return findById(ctx, id);
    }

    public Optional<Refund> findByK1(String k1) {
        if (!AsciiKeys.couldBeKey(k1)) {
            return Optional.empty();
        }
        return ctx.selectFrom(REFUND).where(REFUND.K1.eq(k1)).fetchOptional(RefundRepository::toRefund);
    }

    public Optional<Refund> findByClaimToken(String claimToken) {
        if (!AsciiKeys.couldBeKey(claimToken)) {
            return Optional.empty();
        }
        return ctx.selectFrom(REFUND)
                .where(REFUND.CLAIM_TOKEN.eq(claimToken))
                .fetchOptional(RefundRepository::toRefund);
    }

    /** The invoice's refunds, newest first. */
    public List<Refund> findByInvoice(String invoiceId) {
        return ctx.selectFrom(REFUND)
                .where(REFUND.INVOICE_ID.eq(invoiceId))
                .orderBy(REFUND.CREATED_AT.desc(), REFUND.ID.desc())
                .fetch(RefundRepository::toRefund);
    }

    /** Newest first; {@code merchantId} and {@code state} narrow the list when not null. */
    public List<Refund> find(String merchantId, RefundState state, int offset, int limit) {
        return ctx.selectFrom(REFUND)
                .where(filter(merchantId, state))
                .orderBy(REFUND.CREATED_AT.desc(), REFUND.ID.desc())
                .offset(offset)
                .limit(limit)
                .fetch(RefundRepository::toRefund);
    }

    public int count(String merchantId, RefundState state) {
        return ctx.fetchCount(REFUND, filter(merchantId, state));
    }

    /** Refunds still at their request (revision 0) from before {@code before}: their workflow may never have started. */
    public List<Refund> findUnstarted(Instant before, int limit) {
        return ctx.selectFrom(REFUND)
                .where(REFUND.STATE.eq(com.flash.backoffice.db.jooq.enums.RefundState.AWAITING_APPROVAL))
                .and(REFUND.REVISION.eq(0))
                .and(REFUND.CREATED_AT.lt(UtcTimestamps.toDb(before)))
                .orderBy(REFUND.CREATED_AT)
                .limit(limit)
                .fetch(RefundRepository::toRefund);
    }

    /** What the invoice's refunds hold or took (every refund but cancelled and expired ones). */
    public long refundedMsat(String invoiceId) {
        return refundedMsat(ctx, invoiceId, null);
    }

    public List<RefundEvent> timeline(String refundId) {
        return ctx.selectFrom(REFUND_EVENT)
                .where(REFUND_EVENT.REFUND_ID.eq(refundId))
                .orderBy(REFUND_EVENT.REVISION)
                .fetch(row -> new RefundEvent(
                        row.getRevision(),
                        RefundState.valueOf(row.getState().name()),
                        row.getActor(),
                        row.getNote(),
                        UtcTimestamps.fromDb(row.getAt())));
    }

    // ------------------------------------------------------------------ rules inside the transaction

    private static Optional<String> reservationRefusal(DSLContext tx, Refund refund, Invoice invoice, long amountMsat) {
        long others = refundedMsat(tx, invoice.id(), refund.id());
        if (Math.addExact(others, amountMsat) > invoice.paidMsat()) {
            return Optional.of("The refund of " + Msat.ofMsat(amountMsat).toBtcString()
                    + " BTC would exceed what is left to refund on the invoice ("
                    + Msat.ofMsat(Math.max(0, invoice.paidMsat() - others)).toBtcString() + " BTC)");
        }
        if (refund.source() == RefundSource.SUSPENSE) {
            return suspenseProblem(tx, refund.suspenseReceiptId(), invoice, amountMsat);
        }
        tx.select(MERCHANT.ID)
                .from(MERCHANT)
                .where(MERCHANT.ID.eq(refund.merchantId()))
                .forUpdate()
                .execute();
        Msat payable =
                new LedgerRepository(tx).merchantBalances(refund.merchantId()).payable();
        if (!refund.allowNegativeBalance() && payable.msat() < amountMsat) {
            return Optional.of("The merchant's payable balance ("
                    + (payable.isNegative() ? Msat.ZERO : payable).toBtcString() + " BTC) cannot cover the refund of "
                    + Msat.ofMsat(amountMsat).toBtcString()
                    + " BTC; FINANCE may start it again allowing a negative balance");
        }
        return Optional.empty();
    }

    private static Optional<String> suspenseProblem(DSLContext tx, Long receiptId, Invoice invoice, long amountMsat) {
        Optional<SuspenseReceipt> receipt = tx.selectFrom(SUSPENSE_RECEIPT)
                .where(SUSPENSE_RECEIPT.ID.eq(receiptId))
                .forUpdate()
                .fetchOptional()
                .flatMap(row -> new SuspenseReceiptRepository(tx).findById(row.getId()));
        if (receipt.isEmpty() || !invoice.id().equals(receipt.get().invoiceId())) {
            return Optional.of("Receipt " + receiptId + " in suspense does not belong to invoice " + invoice.id());
        }
        if (!receipt.get().custodial()) {
            return Optional.of("Receipt " + receiptId + " went to the merchant's own wallet: Flash holds nothing to"
                    + " refund from suspense");
        }
        if (receipt.get().openMsat() < amountMsat) {
            return Optional.of("Receipt " + receiptId + " holds "
                    + Msat.ofMsat(receipt.get().openMsat()).toBtcString() + " BTC in suspense, less than the refund of "
                    + Msat.ofMsat(amountMsat).toBtcString() + " BTC");
        }
        return Optional.empty();
    }

    private static RefundStartResult exceedsPaid(Invoice invoice, long refunded) {
        return new RefundStartResult.ExceedsPaid(
                Msat.ofMsat(invoice.paidMsat()),
                Msat.ofMsat(refunded),
                Msat.ofMsat(Math.max(0, invoice.paidMsat() - refunded)));
    }

    private static long refundedMsat(DSLContext dsl, String invoiceId, String exceptRefundId) {
        Condition condition = REFUND.INVOICE_ID.eq(invoiceId).and(REFUND.COUNTS_AGAINST_PAID.isTrue());
        if (exceptRefundId != null) {
            condition = condition.and(REFUND.ID.ne(exceptRefundId));
        }
        BigDecimal sum = dsl.select(DSL.sum(REFUND.AMOUNT_MSAT))
                .from(REFUND)
                .where(condition)
                .fetchOne(0, BigDecimal.class);
        return sum == null ? 0 : sum.longValueExact();
    }

    private static void cancel(DSLContext tx, Refund refund, int revision, long amountMsat, String reason, Instant at) {
        tx.update(REFUND)
                .set(REFUND.STATE, com.flash.backoffice.db.jooq.enums.RefundState.CANCELLED)
                .set(REFUND.REVISION, revision)
                .set(REFUND.COUNTS_AGAINST_PAID, false)
                .set(REFUND.FAILURE_DETAIL, truncate(reason, 500))
                .set(REFUND.UPDATED_AT, UtcTimestamps.toDb(at))
                .set(REFUND.COMPLETED_AT, UtcTimestamps.toDb(at))
                .where(REFUND.ID.eq(refund.id()))
                .execute();
        insertEvent(tx, refund.id(), revision, RefundState.CANCELLED, "workflow", "Not reserved: " + reason, at);
        invoiceEvent(
                tx,
                lockInvoice(tx, refund.invoiceId()).orElseThrow(),
                findById(tx, refund.id()).orElseThrow(),
                at);
    }

    private static void audit(DSLContext tx, Refund refund, RefundStateChange change) {
        new AuditLogRepository(tx)
                .appendOnce(
                        new AuditEvent(
                                change.actor(),
                                change.actorRoles(),
                                "refund." + change.state().name().toLowerCase(Locale.ROOT),
                                "refund",
                                refund.id(),
                                "{\"state\":\"" + refund.state() + "\",\"revision\":" + refund.revision() + "}",
                                "{\"state\":\"" + change.state() + "\",\"revision\":" + change.revision() + "}",
                                change.note()),
                        "refund-" + refund.id() + "-revision-" + change.revision());
    }

    /** The refund on the invoice's timeline and in its webhook outbox: once when started, once when it ends. */
    private static void invoiceEvent(DSLContext tx, Invoice invoice, Refund refund, Instant at) {
        new InvoiceRepository(tx)
                .appendEvent(new InvoiceEvent(
                        0,
                        invoice.id(),
                        invoice.revision(),
                        INVOICE_EVENT_TYPE,
                        invoice.status(),
                        invoice.additionalStatus(),
                        "refund:" + refund.id() + ":" + refund.revision(),
                        "refundId=" + refund.id() + ",refundState="
                                + refund.state().greenfieldName() + ",refundStatus="
                                + refund.state().name() + ",amountMsat=" + refund.amountMsat(),
                        at));
    }

    private static void insertEvent(
            DSLContext tx, String refundId, int revision, RefundState state, String actor, String note, Instant at) {
        tx.insertInto(REFUND_EVENT)
                .set(REFUND_EVENT.REFUND_ID, refundId)
                .set(REFUND_EVENT.REVISION, revision)
                .set(REFUND_EVENT.STATE, com.flash.backoffice.db.jooq.enums.RefundEventState.valueOf(state.name()))
                .set(REFUND_EVENT.ACTOR, truncate(actor, 120))
                .set(REFUND_EVENT.NOTE, truncate(note, 500))
                .set(REFUND_EVENT.AT, UtcTimestamps.toDb(at))
                .onDuplicateKeyIgnore()
                .execute();
    }

    private static Optional<Invoice> lockInvoice(DSLContext tx, String invoiceId) {
        Optional<String> id = tx.select(INVOICE.ID)
                .from(INVOICE)
                .where(INVOICE.ID.eq(invoiceId))
                .forUpdate()
                .fetchOptional(INVOICE.ID);
        return id.flatMap(found -> new InvoiceRepository(tx).findById(found));
    }

    private static Refund lockRefund(DSLContext tx, String refundId) {
        return tx.selectFrom(REFUND)
                .where(REFUND.ID.eq(refundId))
                .forUpdate()
                .fetchOptional(RefundRepository::toRefund)
                .orElseThrow(() -> new IllegalArgumentException("No refund " + refundId));
    }

    private static SuspenseReceipt lockReceipt(DSLContext tx, long receiptId) {
        tx.select(SUSPENSE_RECEIPT.ID)
                .from(SUSPENSE_RECEIPT)
                .where(SUSPENSE_RECEIPT.ID.eq(receiptId))
                .forUpdate()
                .execute();
        return new SuspenseReceiptRepository(tx).findById(receiptId).orElseThrow();
    }

    private static void requireState(Refund refund, RefundState expected) {
        if (refund.state() != expected) {
            throw new IllegalStateException("refund " + refund.id() + " is " + refund.state() + ", not " + expected);
        }
    }

    private static Optional<Refund> findById(DSLContext dsl, String id) {
        return dsl.selectFrom(REFUND).where(REFUND.ID.eq(id)).fetchOptional(RefundRepository::toRefund);
    }

    private static Condition filter(String merchantId, RefundState state) {
        Condition condition = DSL.noCondition();
        if (merchantId != null) {
            condition = condition.and(REFUND.MERCHANT_ID.eq(merchantId));
        }
        if (state != null) {
            condition = condition.and(
                    REFUND.STATE.eq(com.flash.backoffice.db.jooq.enums.RefundState.valueOf(state.name())));
        }
        return condition;
    }

    private static Refund toRefund(RefundRecord row) {
        return new Refund(
                row.getId(),
                row.getInvoiceId(),
                row.getMerchantId(),
                RefundVariant.valueOf(row.getVariant().name()),
                RefundSource.valueOf(row.getSource().name()),
                row.getSuspenseReceiptId(),
                row.getAmountMsat(),
                row.getAmountFixed(),
                row.getFiatAmount(),
                row.getFiatCurrency(),
                row.getRate(),
                row.getSubtractPercentage(),
                row.getReason(),
                row.getAllowNegativeBalance(),
                row.getDestination(),
                row.getClaimToken(),
                row.getK1(),
                row.getK1UsedAt() == null ? null : UtcTimestamps.fromDb(row.getK1UsedAt()),
                row.getClaimExpiresAt() == null ? null : UtcTimestamps.fromDb(row.getClaimExpiresAt()),
                RefundState.valueOf(row.getState().name()),
                row.getRevision(),
                row.getAttempts(),
                row.getReservedFromBalanceMsat(),
                row.getReceivableMsat(),
                RefundOrigin.valueOf(row.getOrigin().name()),
                row.getRequestedBy(),
                row.getFeeLimitMsat(),
                row.getFeeMsat(),
                row.getProof(),
                row.getFailureDetail(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                UtcTimestamps.fromDb(row.getUpdatedAt()),
                row.getCompletedAt() == null ? null : UtcTimestamps.fromDb(row.getCompletedAt()));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
