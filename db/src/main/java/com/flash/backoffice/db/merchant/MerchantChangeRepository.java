package com.flash.backoffice.db.merchant;

import static com.flash.backoffice.db.jooq.Tables.MERCHANT;
import static com.flash.backoffice.db.jooq.Tables.MERCHANT_CHANGE;

import com.flash.backoffice.db.audit.AuditEvent;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.jooq.enums.MerchantChangeOnchainCustodyAfter;
import com.flash.backoffice.db.jooq.enums.MerchantChangeOnchainCustodyBefore;
import com.flash.backoffice.db.jooq.enums.MerchantChangeState;
import com.flash.backoffice.db.jooq.enums.MerchantOnchainCustody;
import com.flash.backoffice.db.jooq.tables.records.MerchantChangeRecord;
import com.flash.backoffice.db.jooq.tables.records.MerchantRecord;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.tools.json.JSONObject;
import org.springframework.stereotype.Repository;

/**
 * Changes of merchants' guarded settings (two-person rule): requested, then applied or closed by their workflow. Each
 * step is idempotent and writes its audit entry in its own transaction, so a retried activity writes nothing twice.
 */
@Repository
public class MerchantChangeRepository {

    static final String SYSTEM = "system:merchant-change";

    private final DSLContext ctx;

    public MerchantChangeRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Stores the request (PENDING) and audits it; asking again with the same id changes nothing. */
    public MerchantChange request(NewMerchantChange change, Instant now) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            int inserted = tx.insertInto(MERCHANT_CHANGE)
                    .set(MERCHANT_CHANGE.ID, change.id())
                    .set(MERCHANT_CHANGE.MERCHANT_ID, change.merchantId())
                    .set(MERCHANT_CHANGE.STATE, MerchantChangeState.PENDING)
                    .set(
                            MERCHANT_CHANGE.DERIVATION_SCHEME_BEFORE,
                            change.before().derivationScheme())
                    .set(MERCHANT_CHANGE.DERIVATION_SCHEME_AFTER, change.after().derivationScheme())
                    .set(
                            MERCHANT_CHANGE.PAYOUT_DESTINATION_BEFORE,
                            change.before().payoutDestination())
                    .set(
                            MERCHANT_CHANGE.PAYOUT_DESTINATION_AFTER,
                            change.after().payoutDestination())
                    .set(
                            MERCHANT_CHANGE.ONCHAIN_CUSTODY_BEFORE,
                            MerchantChangeOnchainCustodyBefore.valueOf(
                                    change.before().onchainCustody().name()))
                    .set(
                            MERCHANT_CHANGE.ONCHAIN_CUSTODY_AFTER,
                            MerchantChangeOnchainCustodyAfter.valueOf(
                                    change.after().onchainCustody().name()))
                    .set(MERCHANT_CHANGE.REQUESTED_BY, change.requestedBy())
                    .set(MERCHANT_CHANGE.CREATED_AT, UtcTimestamps.toDb(now))
                    .onDuplicateKeyIgnore()
                    .execute();
            if (inserted == 1) {
                new AuditLogRepository(tx)
                        .appendOnce(
                                new AuditEvent(
                                        change.requestedBy(),
                                        change.requestedByRoles(),
                                        "merchant.change.request",
                                        "merchant",
                                        change.merchantId(),
                                        json(change.before()),
                                        json(change.after()),
                                        "Change of "
                                                + String.join(
                                                        ", ", change.before().changesTo(change.after())) + " ("
                                                + change.id() + ") waits for a second person's approval"),
                                "merchant-change-" + change.id() + "-requested");
            }
            return find(tx, change.id()).orElseThrow();
        });
    }

    /**
     * Writes the approved change to the merchant, audited, when the merchant's guarded settings are still those the
     * change replaces; otherwise marks it STALE and writes nothing to the merchant. Once: a closed change stays.
     */
    public MerchantChange apply(String changeId, String note, Instant now) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            MerchantChangeRecord row = lock(tx, changeId);
            if (row.getState() != MerchantChangeState.PENDING) {
                return toChange(row);
            }
            MerchantRecord merchant = tx.selectFrom(MERCHANT)
                    .where(MERCHANT.ID.eq(row.getMerchantId()))
                    .forUpdate()
                    .fetchSingle();
            MerchantChange change = toChange(row);
            GuardedSettings current = new GuardedSettings(
                    merchant.getDerivationScheme(),
                    merchant.getPayoutDestination(),
                    OnchainCustody.valueOf(merchant.getOnchainCustody().name()));
            if (!current.equals(change.before())) {
                close(
                        tx,
                        row,
                        MerchantChangeState.STALE,
                        "The settings it replaces changed meanwhile: nothing applied",
                        now);
                return find(tx, changeId).orElseThrow();
            }
            GuardedSettings after = change.after();
            tx.update(MERCHANT)
                    .set(MERCHANT.DERIVATION_SCHEME, after.derivationScheme())
                    .set(MERCHANT.PAYOUT_DESTINATION, after.payoutDestination())
                    .set(
                            MERCHANT.ONCHAIN_CUSTODY,
                            MerchantOnchainCustody.valueOf(
                                    after.onchainCustody().name()))
                    .set(MERCHANT.REVISION, MERCHANT.REVISION.plus(1))
                    .set(MERCHANT.UPDATED_AT, UtcTimestamps.toDb(now))
                    .where(MERCHANT.ID.eq(row.getMerchantId()))
                    .execute();
            close(tx, row, MerchantChangeState.APPLIED, note, now);
            new AuditLogRepository(tx)
                    .appendOnce(
                            new AuditEvent(
                                    SYSTEM,
                                    List.of(),
                                    "merchant.change.apply",
                                    "merchant",
                                    row.getMerchantId(),
                                    json(change.before()),
                                    json(after),
                                    note),
                            "merchant-change-" + changeId + "-applied");
            return find(tx, changeId).orElseThrow();
        });
    }

    /** Ends a pending change unapplied ({@code REJECTED}, {@code EXPIRED}, {@code WITHDRAWN}). Once. */
    public MerchantChange close(String changeId, MerchantChangeStatus status, String note, Instant now) {
        if (status == MerchantChangeStatus.PENDING || status == MerchantChangeStatus.APPLIED) {
            throw new IllegalArgumentException("a change is closed unapplied, not " + status);
        }
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            MerchantChangeRecord row = lock(tx, changeId);
            if (row.getState() == MerchantChangeState.PENDING) {
                close(tx, row, MerchantChangeState.valueOf(status.name()), note, now);
            }
            return find(tx, changeId).orElseThrow();
        });
    }

    public Optional<MerchantChange> find(String changeId) {
        return find(ctx, changeId);
    }

    /** The merchant's change that waits for approval, if any. */
    public Optional<MerchantChange> pending(String merchantId) {
        return ctx.selectFrom(MERCHANT_CHANGE)
                .where(MERCHANT_CHANGE.MERCHANT_ID.eq(merchantId))
                .and(MERCHANT_CHANGE.STATE.eq(MerchantChangeState.PENDING))
                .orderBy(MERCHANT_CHANGE.CREATED_AT.desc())
                .limit(1)
                .fetchOptional(MerchantChangeRepository::toChange);
    }

    /** The merchant's changes, newest first. */
    public List<MerchantChange> recent(String merchantId, int limit) {
        return ctx.selectFrom(MERCHANT_CHANGE)
                .where(MERCHANT_CHANGE.MERCHANT_ID.eq(merchantId))
                .orderBy(MERCHANT_CHANGE.CREATED_AT.desc(), MERCHANT_CHANGE.ID)
                .limit(limit)
                .fetch(MerchantChangeRepository::toChange);
    }

    private static void close(
            DSLContext tx, MerchantChangeRecord row, MerchantChangeState state, String note, Instant now) {
        tx.update(MERCHANT_CHANGE)
                .set(MERCHANT_CHANGE.STATE, state)
                .set(MERCHANT_CHANGE.NOTE, note == null || note.length() <= 500 ? note : note.substring(0, 497) + "...")
                .set(MERCHANT_CHANGE.CLOSED_AT, UtcTimestamps.toDb(now))
                .where(MERCHANT_CHANGE.ID.eq(row.getId()))
                .execute();
    }

    private static MerchantChangeRecord lock(DSLContext tx, String changeId) {
        MerchantChangeRecord row = tx.selectFrom(MERCHANT_CHANGE)
                .where(MERCHANT_CHANGE.ID.eq(changeId))
                .forUpdate()
                .fetchOne();
        if (row == null) {
            throw new IllegalArgumentException("No merchant change " + changeId);
        }
        return row;
    }

    private static Optional<MerchantChange> find(DSLContext dsl, String changeId) {
        return dsl.selectFrom(MERCHANT_CHANGE)
                .where(MERCHANT_CHANGE.ID.eq(changeId))
                .fetchOptional(MerchantChangeRepository::toChange);
    }

    private static MerchantChange toChange(MerchantChangeRecord row) {
        return new MerchantChange(
                row.getId(),
                row.getMerchantId(),
                MerchantChangeStatus.valueOf(row.getState().name()),
                new GuardedSettings(
                        row.getDerivationSchemeBefore(),
                        row.getPayoutDestinationBefore(),
                        OnchainCustody.valueOf(row.getOnchainCustodyBefore().name())),
                new GuardedSettings(
                        row.getDerivationSchemeAfter(),
                        row.getPayoutDestinationAfter(),
                        OnchainCustody.valueOf(row.getOnchainCustodyAfter().name())),
                row.getRequestedBy(),
                row.getNote(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                row.getClosedAt() == null ? null : UtcTimestamps.fromDb(row.getClosedAt()));
    }

    private static String json(GuardedSettings settings) {
        Map<String, Object> values = settings.asMap();
        return JSONObject.toJSONString(values);
    }
}
