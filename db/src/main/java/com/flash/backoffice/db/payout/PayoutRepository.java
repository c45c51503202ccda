package com.flash.backoffice.db.payout;

import static com.flash.backoffice.db.jooq.Tables.MERCHANT;
import static com.flash.backoffice.db.jooq.Tables.MERCHANT_PAYOUT_SETTING;
import static com.flash.backoffice.db.jooq.Tables.PAYOUT;
import static com.flash.backoffice.db.jooq.Tables.PAYOUT_EVENT;

import com.flash.backoffice.db.audit.AuditEvent;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.jooq.tables.records.PayoutRecord;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Payouts and their reservations. A request locks the merchant row, checks the payable balance from the ledger and
 * writes the payout with its reservation entry in one transaction; a state change writes the row, its timeline step
 * and (on completion or cancellation) its ledger entry in one transaction, once per revision.
 */
@Repository
public class PayoutRepository {

    private final DSLContext ctx;

    public PayoutRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    public PayoutRequestResult request(NewPayout request) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            String lockedMerchant = tx.select(MERCHANT.ID)
                    .from(MERCHANT)
                    .where(MERCHANT.ID.eq(request.merchantId()))
                    .forUpdate()
                    .fetchOne(MERCHANT.ID);
            if (lockedMerchant == null) {
                return new PayoutRequestResult.UnknownMerchant();
            }
            String destinationHash = sha256(request.destination());
            Optional<String> duplicate = tx.select(PAYOUT.ID)
                    .from(PAYOUT)
                    .where(PAYOUT.MERCHANT_ID.eq(request.merchantId()))
                    .and(PAYOUT.ACTIVE_DESTINATION_HASH.eq(destinationHash))
                    .fetchOptional(PAYOUT.ID);
            if (duplicate.isPresent()) {
                return new PayoutRequestResult.DuplicateDestination(duplicate.get());
            }
            Msat payable = new LedgerRepository(tx)
                    .merchantBalances(request.merchantId())
                    .payable();
            if (request.amountMsat() > payable.msat()) {
                return new PayoutRequestResult.Overdraft(payable.isNegative() ? Msat.ZERO : payable);
            }
            String id = RandomIds.newId();
            Instant now = UtcTimestamps.now();
            tx.insertInto(PAYOUT)
                    .set(PAYOUT.ID, id)
                    .set(PAYOUT.MERCHANT_ID, request.merchantId())
                    .set(PAYOUT.DESTINATION, request.destination())
                    .set(
                            PAYOUT.DESTINATION_KIND,
                            com.flash.backoffice.db.jooq.enums.PayoutDestinationKind.valueOf(
                                    request.destinationKind().name()))
                    .set(PAYOUT.DESTINATION_HASH, destinationHash)
                    .set(PAYOUT.ACTIVE_DESTINATION_HASH, destinationHash)
                    .set(PAYOUT.AMOUNT_MSAT, request.amountMsat())
                    .set(PAYOUT.FEE_LIMIT_MSAT, request.feeLimitMsat())
                    .set(PAYOUT.STATE, com.flash.backoffice.db.jooq.enums.PayoutState.AWAITING_APPROVAL)
                    .set(PAYOUT.REVISION, 0)
                    .set(
                            PAYOUT.ORIGIN,
                            com.flash.backoffice.db.jooq.enums.PayoutOrigin.valueOf(
                                    request.origin().name()))
                    .set(PAYOUT.REQUESTED_BY, request.requestedBy())
                    .set(PAYOUT.CREATED_AT, UtcTimestamps.toDb(now))
                    .set(PAYOUT.UPDATED_AT, UtcTimestamps.toDb(now))
                    .execute();
            insertEvent(
                    tx,
                    new PayoutStateChange(
                            id,
                            0,
                            PayoutState.AWAITING_APPROVAL,
                            request.requestedBy(),
                            false,
                            List.of(),
                            "Requested",
                            null,
                            null,
                            null,
                            null,
                            now));
            PayoutLedger.reserve(tx, id, request.merchantId(), request.amountMsat(), now);
            return new PayoutRequestResult.Created(findById(tx, id).orElseThrow());
        });
    }

    /**
     * Writes the state unless the stored revision is this one or newer; returns whether it wrote. Completion books the
     * payment (with its fee) and cancellation releases the reservation, in the same transaction.
     */
    public boolean saveState(PayoutStateChange change) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Payout payout = tx.selectFrom(PAYOUT)
                    .where(PAYOUT.ID.eq(change.payoutId()))
                    .forUpdate()
                    .fetchOptional(PayoutRepository::toPayout)
                    .orElseThrow(() -> new IllegalArgumentException("No payout " + change.payoutId()));
            if (payout.revision() >= change.revision()) {
                return false;
            }
            if (payout.state().isFinal()) {
                throw new IllegalStateException("payout " + payout.id() + " is " + payout.state()
                        + " already; it cannot become " + change.state());
            }
            tx.update(PAYOUT)
                    .set(
                            PAYOUT.STATE,
                            com.flash.backoffice.db.jooq.enums.PayoutState.valueOf(
                                    change.state().name()))
                    .set(PAYOUT.REVISION, change.revision())
                    .set(PAYOUT.FAILURE, change.failure())
                    .set(PAYOUT.FAILURE_DETAIL, truncate(change.failureDetail(), 500))
                    .set(PAYOUT.FEE_MSAT, change.feeMsat())
                    .set(PAYOUT.PROOF, change.proof())
                    .set(PAYOUT.UPDATED_AT, UtcTimestamps.toDb(change.at()))
                    .set(PAYOUT.COMPLETED_AT, change.state().isFinal() ? UtcTimestamps.toDb(change.at()) : null)
                    .set(PAYOUT.ACTIVE_DESTINATION_HASH, change.state().isFinal() ? null : sha256(payout.destination()))
                    .where(PAYOUT.ID.eq(payout.id()))
                    .execute();
            insertEvent(tx, change);
            if (change.audited()) {
                new AuditLogRepository(tx)
                        .appendOnce(
                                new AuditEvent(
                                        change.actor(),
                                        change.actorRoles(),
                                        "payout." + change.state().name().toLowerCase(java.util.Locale.ROOT),
                                        "payout",
                                        payout.id(),
                                        "{\"state\":\"" + payout.state() + "\",\"revision\":" + payout.revision() + "}",
                                        "{\"state\":\"" + change.state() + "\",\"revision\":" + change.revision() + "}",
                                        change.note()),
                                "payout-" + payout.id() + "-revision-" + change.revision());
            }
            if (change.state() == PayoutState.COMPLETED) {
                PayoutLedger.complete(tx, payout, change.feeMsat() == null ? 0 : change.feeMsat(), change.at());
            } else if (change.state() == PayoutState.CANCELLED) {
                PayoutLedger.release(tx, payout, change.at());
            }
            return true;
        });
    }

    public Optional<Payout> findById(String id) {
        return findById(ctx, id);
    }

    private static Optional<Payout> findById(DSLContext dsl, String id) {
        return dsl.selectFrom(PAYOUT).where(PAYOUT.ID.eq(id)).fetchOptional(PayoutRepository::toPayout);
    }

    /** Newest first; {@code merchantId} and {@code state} narrow the list when not null. */
    public List<Payout> find(String merchantId, PayoutState state, int offset, int limit) {
        return ctx.selectFrom(PAYOUT)
                .where(filter(merchantId, state))
                .orderBy(PAYOUT.CREATED_AT.desc(), PAYOUT.ID.desc())
                .offset(offset)
                .limit(limit)
                .fetch(PayoutRepository::toPayout);
    }

    /**
     * Payouts still at their request (awaiting approval, revision 0) since before {@code before}: their workflow never
     * wrote a step, so it may never have started (the request committed, then the start failed).
     */
    public List<Payout> findUnstarted(java.time.Instant before, int limit) {
        return ctx.selectFrom(PAYOUT)
                .where(PAYOUT.STATE.eq(com.flash.backoffice.db.jooq.enums.PayoutState.AWAITING_APPROVAL))
                .and(PAYOUT.REVISION.eq(0))
                .and(PAYOUT.CREATED_AT.lt(UtcTimestamps.toDb(before)))
                .orderBy(PAYOUT.CREATED_AT)
                .limit(limit)
                .fetch(PayoutRepository::toPayout);
    }

    public int count(String merchantId, PayoutState state) {
        return ctx.fetchCount(PAYOUT, filter(merchantId, state));
    }

    public List<PayoutEvent> timeline(String payoutId) {
        return ctx.selectFrom(PAYOUT_EVENT)
                .where(PAYOUT_EVENT.PAYOUT_ID.eq(payoutId))
                .orderBy(PAYOUT_EVENT.REVISION)
                .fetch(row -> new PayoutEvent(
                        row.getRevision(),
                        PayoutState.valueOf(row.getState().name()),
                        row.getActor(),
                        row.getNote(),
                        UtcTimestamps.fromDb(row.getAt())));
    }

    public PayoutSettings settings(String merchantId) {
        return ctx.selectFrom(MERCHANT_PAYOUT_SETTING)
                .where(MERCHANT_PAYOUT_SETTING.MERCHANT_ID.eq(merchantId))
                .fetchOptional(row ->
                        new PayoutSettings(row.getMerchantId(), row.getAutoApproveBelowMsat(), row.getContactEmail()))
                .orElse(PayoutSettings.defaults(merchantId));
    }

    public void saveSettings(PayoutSettings settings) {
        ctx.insertInto(MERCHANT_PAYOUT_SETTING)
                .set(MERCHANT_PAYOUT_SETTING.MERCHANT_ID, settings.merchantId())
                .set(MERCHANT_PAYOUT_SETTING.AUTO_APPROVE_BELOW_MSAT, settings.autoApproveBelowMsat())
                .set(MERCHANT_PAYOUT_SETTING.CONTACT_EMAIL, settings.contactEmail())
                .onDuplicateKeyUpdate()
                .set(MERCHANT_PAYOUT_SETTING.AUTO_APPROVE_BELOW_MSAT, settings.autoApproveBelowMsat())
                .set(MERCHANT_PAYOUT_SETTING.CONTACT_EMAIL, settings.contactEmail())
                .execute();
    }

    private static Condition filter(String merchantId, PayoutState state) {
        Condition condition = DSL.noCondition();
        if (merchantId != null) {
            condition = condition.and(PAYOUT.MERCHANT_ID.eq(merchantId));
        }
        if (state != null) {
            condition = condition.and(
                    PAYOUT.STATE.eq(com.flash.backoffice.db.jooq.enums.PayoutState.valueOf(state.name())));
        }
        return condition;
    }

    private static void insertEvent(DSLContext tx, PayoutStateChange change) {
        tx.insertInto(PAYOUT_EVENT)
                .set(PAYOUT_EVENT.PAYOUT_ID, change.payoutId())
                .set(PAYOUT_EVENT.REVISION, change.revision())
                .set(
                        PAYOUT_EVENT.STATE,
                        com.flash.backoffice.db.jooq.enums.PayoutEventState.valueOf(
                                change.state().name()))
                .set(PAYOUT_EVENT.ACTOR, truncate(change.actor(), 120))
                .set(PAYOUT_EVENT.NOTE, truncate(change.note(), 500))
                .set(PAYOUT_EVENT.AT, UtcTimestamps.toDb(change.at()))
                .onDuplicateKeyIgnore()
                .execute();
    }

    private static Payout toPayout(PayoutRecord row) {
        return new Payout(
                row.getId(),
                row.getMerchantId(),
                row.getDestination(),
                PayoutDestinationKind.valueOf(row.getDestinationKind().name()),
                row.getAmountMsat(),
                row.getFeeLimitMsat(),
                PayoutState.valueOf(row.getState().name()),
                row.getRevision(),
                PayoutOrigin.valueOf(row.getOrigin().name()),
                row.getRequestedBy(),
                row.getFailure(),
                row.getFailureDetail(),
                row.getFeeMsat(),
                row.getProof(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                UtcTimestamps.fromDb(row.getUpdatedAt()),
                row.getCompletedAt() == null ? null : UtcTimestamps.fromDb(row.getCompletedAt()));
    }

    static String sha256(String destination) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(destination.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
