package com.flash.backoffice.db.merchant;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static com.flash.backoffice.db.jooq.Tables.MERCHANT;

import com.flash.backoffice.db.jooq.enums.MerchantOnchainCustody;
import com.flash.backoffice.db.jooq.enums.MerchantPayoutSchedule;
import com.flash.backoffice.db.jooq.enums.MerchantSpeedPolicy;
import com.flash.backoffice.db.jooq.tables.records.MerchantRecord;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.SqlErrors;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
public class MerchantRepository {

    private final DSLContext ctx;

    public MerchantRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Stores a new merchant under a fresh random id; a taken name throws {@link MerchantNameTakenException}. */
    public Merchant create(NewMerchant merchant) {
        String id = RandomIds.newId();
        var now = UtcTimestamps.toDb(UtcTimestamps.now());
        try {
            ctx.insertInto(MERCHANT)
                    .set(MERCHANT.ID, id)
                    .set(editableFields(merchant))
                    .set(MERCHANT.CREATED_AT, now)
                    .set(MERCHANT.UPDATED_AT, now)
                    .execute();
        } catch (RuntimeException e) { // jOOQ's or, under Spring, its translated DataAccessException
            if (SqlErrors.isDuplicateKey(e)) {
                throw new MerchantNameTakenException(merchant.name(), e);
            }
            throw e;
        }
        return findById(id).orElseThrow();
    }

    /**
     * Saves the editable fields if the stored revision still equals {@code merchant.revision()}.
     * The derivation index is not editable here: it only moves through {@link #allocateDerivationIndex}.
     */
    public MerchantUpdateResult update(Merchant merchant) {
        return update(merchant.id(), merchant.revision(), merchant.editableValues());
    }

    /** As {@link #update(Merchant)}, for callers that hold the new values and the revision they read. */
    public MerchantUpdateResult update(String id, int expectedRevision, NewMerchant values) {
        int updated;
        try {
            updated = ctx.update(MERCHANT)
                    .set(editableFields(values))
                    .set(MERCHANT.REVISION, MERCHANT.REVISION.plus(1))
                    .set(MERCHANT.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                    .where(MERCHANT.ID.eq(id))
                    .and(MERCHANT.REVISION.eq(expectedRevision))
                    .execute();
        } catch (RuntimeException e) { // jOOQ's or, under Spring, its translated DataAccessException
            if (SqlErrors.isDuplicateKey(e)) {
                throw new MerchantNameTakenException(values.name(), e);
            }
            throw e;
        }
        if (updated == 1) {
            return MerchantUpdateResult.UPDATED;
        }
        return ctx.fetchExists(MERCHANT, MERCHANT.ID.eq(id))
                ? MerchantUpdateResult.STALE_REVISION
                : MerchantUpdateResult.NOT_FOUND;
    }

    private static Map<Field<?>, Object> editableFields(NewMerchant merchant) {
        Map<Field<?>, Object> fields = new LinkedHashMap<>();
        fields.put(MERCHANT.NAME, merchant.name());
        fields.put(MERCHANT.DEFAULT_CURRENCY, merchant.defaultCurrency());
        fields.put(MERCHANT.DERIVATION_SCHEME, merchant.derivationScheme());
        fields.put(MERCHANT.LIGHTNING_CONNECTION, merchant.lightningConnection());
        fields.put(
                MERCHANT.SPEED_POLICY,
                MerchantSpeedPolicy.valueOf(merchant.speedPolicy().name()));
        fields.put(MERCHANT.INVOICE_EXPIRY_MINUTES, merchant.invoiceExpiryMinutes());
        fields.put(MERCHANT.MONITORING_MINUTES, merchant.monitoringMinutes());
        fields.put(MERCHANT.PAYMENT_TOLERANCE_PCT, merchant.paymentTolerancePct());
        fields.put(MERCHANT.PROCESSING_FEE_PCT, merchant.processingFeePct());
        fields.put(MERCHANT.PAYOUT_DESTINATION, merchant.payoutDestination());
        fields.put(
                MERCHANT.PAYOUT_SCHEDULE,
                MerchantPayoutSchedule.valueOf(merchant.payoutSchedule().name()));
        fields.put(
                MERCHANT.ONCHAIN_CUSTODY,
                MerchantOnchainCustody.valueOf(merchant.onchainCustody().name()));
        return fields;
    }

    /** Hands out the next address derivation index exactly once, even under concurrent callers. */
    public OptionalLong allocateDerivationIndex(String merchantId) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Long next = tx.select(MERCHANT.NEXT_DERIVATION_INDEX)
                    .from(MERCHANT)
                    .where(MERCHANT.ID.eq(merchantId))
                    .forUpdate()
                    .fetchOne(MERCHANT.NEXT_DERIVATION_INDEX);
            if (next == null) {
                return OptionalLong.empty();
            }
            tx.update(MERCHANT)
                    .set(MERCHANT.NEXT_DERIVATION_INDEX, Math.addExact(next, 1L))
                    .where(MERCHANT.ID.eq(merchantId))
                    .execute();
            return OptionalLong.of(next);
        });
    }

    /**
     * Locks the merchant's row until the caller's transaction ends, so that what the caller counts about the
     * merchant stays true until it commits; false for an unknown merchant.
     */
    public boolean lockForUpdate(String merchantId) {
        return ctx.select(MERCHANT.ID)
                .from(MERCHANT)
                .where(MERCHANT.ID.eq(merchantId))
                .forUpdate()
                .fetchOptional()
                .isPresent();
    }

    public Optional<Merchant> findById(String id) {
        return ctx.selectFrom(MERCHANT)
                .where(MERCHANT.ID.eq(id))
                .fetchOptional()
                .map(MerchantRepository::toMerchant);
    }

    /** A page ordered by name; {@code nameFilter} (nullable) matches a part of the name, ignoring case. */
    public List<Merchant> findAll(int offset, int limit, String nameFilter) {
        return ctx.selectFrom(MERCHANT)
                .where(nameMatches(nameFilter))
                .orderBy(MERCHANT.NAME, MERCHANT.ID)
                .limit(limit)
                .offset(offset)
                .fetch(MerchantRepository::toMerchant);
    }

    public int count(String nameFilter) {
        return ctx.fetchCount(MERCHANT, nameMatches(nameFilter));
    }

    public boolean existsByName(String name) {
        return ctx.fetchExists(MERCHANT, MERCHANT.NAME.eq(name));
    }

    private static Condition nameMatches(String nameFilter) {
        return nameFilter == null || nameFilter.isBlank()
                ? DSL.noCondition()
                : MERCHANT.NAME.containsIgnoreCase(nameFilter.strip());
    }

    private static Merchant toMerchant(MerchantRecord row) {
        return new Merchant(
                row.getId(),
                row.getName(),
                row.getDefaultCurrency(),
                row.getDerivationScheme(),
                row.getLightningConnection(),
                SpeedPolicy.valueOf(row.getSpeedPolicy().name()),
                row.getInvoiceExpiryMinutes(),
                row.getMonitoringMinutes(),
                row.getPaymentTolerancePct(),
                row.getProcessingFeePct(),
                row.getPayoutDestination(),
                PayoutSchedule.valueOf(row.getPayoutSchedule().name()),
                row.getNextDerivationIndex(),
                row.getRevision(),
                instant(row.getCreatedAt()),
                instant(row.getUpdatedAt()),
                OnchainCustody.valueOf(row.getOnchainCustody().name()));
    }

    private static Instant instant(java.time.LocalDateTime value) {
        return UtcTimestamps.fromDb(value);
    }

    /** BTCPay's "Allow anyone to create invoice": the pay button works only when it is on. False for no merchant. */
    public boolean anyoneCanCreateInvoice(String merchantId) {
        return Boolean.TRUE.equals(ctx.select(MERCHANT.ANYONE_CAN_CREATE_INVOICE)
                .from(MERCHANT)
                .where(MERCHANT.ID.eq(merchantId))
                .fetchOne(MERCHANT.ANYONE_CAN_CREATE_INVOICE));
    }

    /** Turns the setting on or off; false when there is no such merchant. */
    public boolean setAnyoneCanCreateInvoice(String merchantId, boolean allowed) {
        return ctx.update(MERCHANT)
                        .set(MERCHANT.ANYONE_CAN_CREATE_INVOICE, allowed)
                        .where(MERCHANT.ID.eq(merchantId))
                        .execute()
                == 1;
    }

    /** The origins that may frame the store's checkout, as stored (space-separated); empty for none or no merchant. */
    public String checkoutFrameAncestors(String merchantId) {
        String stored = ctx.select(MERCHANT.CHECKOUT_FRAME_ANCESTORS)
                .from(MERCHANT)
                .where(MERCHANT.ID.eq(merchantId))
                .fetchOne(MERCHANT.CHECKOUT_FRAME_ANCESTORS);
        return stored == null ? "" : stored;
    }

    /** The origins that may frame the checkout of the invoice's store; empty for none or no invoice. */
    public String checkoutFrameAncestorsOfInvoice(String invoiceId) {
        String stored = ctx.select(MERCHANT.CHECKOUT_FRAME_ANCESTORS)
                .from(MERCHANT)
                .join(INVOICE)
                .on(INVOICE.MERCHANT_ID.eq(MERCHANT.ID))
                .where(INVOICE.ID.eq(invoiceId))
                .fetchOne(MERCHANT.CHECKOUT_FRAME_ANCESTORS);
        return stored == null ? "" : stored;
    }

    /** Stores checked, space-separated origins; false when there is no such merchant. */
    public boolean setCheckoutFrameAncestors(String merchantId, String origins) {
        return ctx.update(MERCHANT)
                        .set(MERCHANT.CHECKOUT_FRAME_ANCESTORS, origins)
                        .where(MERCHANT.ID.eq(merchantId))
                        .execute()
                == 1;
    }
}
