package com.flash.backoffice.db.webhook;

import static com.flash.backoffice.db.jooq.Tables.INVOICE_EVENT;
import static com.flash.backoffice.db.jooq.Tables.WEBHOOK;
import static com.flash.backoffice.db.jooq.Tables.WEBHOOK_DELIVERY;

import com.flash.backoffice.db.jooq.enums.WebhookDeliveryStatus;
import com.flash.backoffice.db.jooq.tables.records.WebhookDeliveryRecord;
import com.flash.backoffice.db.jooq.tables.records.WebhookRecord;
import com.flash.backoffice.db.support.MasterKeySeal;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Webhooks and their delivery log. A webhook's secret signs each body, so it must be read back: it is stored sealed
 * under the master key ({@link MasterKeySeal}, the webhook's id as associated data), never in clear.
 */
@Repository
public class WebhookRepository {

    private static final String SEPARATOR = ",";
    /** A sealed secret's prefix; a stored secret without it was written before secrets were sealed. */
    static final String SEALED = "v1:";

    private final DSLContext ctx;
    private final MasterKeySeal seal;

    public WebhookRepository(DSLContext ctx, MasterKeySeal seal) {
        this.ctx = ctx;
        this.seal = seal;
    }

    public Webhook create(String merchantId, WebhookSettings settings) {
        String id = RandomIds.newId();
        ctx.insertInto(WEBHOOK)
                .set(WEBHOOK.ID, id)
                .set(WEBHOOK.MERCHANT_ID, merchantId)
                .set(WEBHOOK.URL, settings.url())
                .set(WEBHOOK.SECRET, sealed(id, settings.secret()))
                .set(WEBHOOK.ENABLED, settings.enabled())
                .set(WEBHOOK.AUTOMATIC_REDELIVERY, settings.automaticRedelivery())
                .set(WEBHOOK.EVERYTHING, settings.everything())
                .set(WEBHOOK.SPECIFIC_EVENTS, String.join(SEPARATOR, settings.specificEvents()))
                .set(WEBHOOK.CREATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .execute();
        return find(merchantId, id).orElseThrow();
    }

    /** Updates the webhook of that store; a null secret keeps the stored one. Empty when there is none. */
    public Optional<Webhook> update(String merchantId, String webhookId, WebhookSettings settings) {
        var update = ctx.update(WEBHOOK)
                .set(WEBHOOK.URL, settings.url())
                .set(WEBHOOK.ENABLED, settings.enabled())
                .set(WEBHOOK.AUTOMATIC_REDELIVERY, settings.automaticRedelivery())
                .set(WEBHOOK.EVERYTHING, settings.everything())
                .set(WEBHOOK.SPECIFIC_EVENTS, String.join(SEPARATOR, settings.specificEvents()));
        if (settings.secret() != null) {
            update = update.set(WEBHOOK.SECRET, sealed(webhookId, settings.secret()));
        }
        int updated = update.where(WEBHOOK.ID.eq(webhookId))
                .and(WEBHOOK.MERCHANT_ID.eq(merchantId))
                .execute();
        return updated == 0 ? Optional.empty() : find(merchantId, webhookId);
    }

    /** Deletes the webhook and (cascade) its delivery log; false when the store has no such webhook. */
    public boolean delete(String merchantId, String webhookId) {
        return ctx.deleteFrom(WEBHOOK)
                        .where(WEBHOOK.ID.eq(webhookId))
                        .and(WEBHOOK.MERCHANT_ID.eq(merchantId))
                        .execute()
                == 1;
    }

    public Optional<Webhook> find(String merchantId, String webhookId) {
        return ctx.selectFrom(WEBHOOK)
                .where(WEBHOOK.ID.eq(webhookId))
                .and(WEBHOOK.MERCHANT_ID.eq(merchantId))
                .fetchOptional()
                .map(this::toWebhook);
    }

    public Optional<Webhook> findById(String webhookId) {
        return ctx.selectFrom(WEBHOOK)
                .where(WEBHOOK.ID.eq(webhookId))
                .fetchOptional()
                .map(this::toWebhook);
    }

    public List<Webhook> listForMerchant(String merchantId) {
        return ctx.selectFrom(WEBHOOK)
                .where(WEBHOOK.MERCHANT_ID.eq(merchantId))
                .orderBy(WEBHOOK.CREATED_AT, WEBHOOK.ID)
                .fetch(this::toWebhook);
    }

    /**
     * Stores the delivery unless one with the same dedup key exists; returns the stored one either way (the
     * first writer's), so a retried caller continues with the same delivery id.
     */
    public WebhookDelivery createDelivery(NewDelivery delivery) {
        int inserted = ctx.insertInto(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.ID, delivery.id())
                .set(WEBHOOK_DELIVERY.WEBHOOK_ID, delivery.webhookId())
                .set(WEBHOOK_DELIVERY.ORIGINAL_DELIVERY_ID, delivery.originalDeliveryId())
                .set(WEBHOOK_DELIVERY.EVENT_ID, delivery.eventId())
                .set(WEBHOOK_DELIVERY.ATTEMPT, delivery.attempt())
                .set(WEBHOOK_DELIVERY.IS_REDELIVERY, delivery.redelivery())
                .set(WEBHOOK_DELIVERY.EVENT_TYPE, delivery.eventType())
                .set(WEBHOOK_DELIVERY.DEDUP_KEY, delivery.dedupKey())
                .set(WEBHOOK_DELIVERY.REQUEST_BODY, delivery.requestBody())
                .set(WEBHOOK_DELIVERY.STATUS, WebhookDeliveryStatus.PENDING)
                .set(WEBHOOK_DELIVERY.CREATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .onDuplicateKeyIgnore()
                .execute();
        if (inserted == 1 || delivery.dedupKey() == null) {
            return findDelivery(delivery.id()).orElseThrow();
        }
        return ctx.selectFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.DEDUP_KEY.eq(delivery.dedupKey()))
                .fetchOptional()
                .map(WebhookRepository::toDelivery)
                .orElseThrow(() -> new IllegalStateException("delivery " + delivery.id() + " was not stored"));
    }

    public Optional<WebhookDelivery> findDeliveryByKey(String dedupKey) {
        return ctx.selectFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.DEDUP_KEY.eq(dedupKey))
                .fetchOptional()
                .map(WebhookRepository::toDelivery);
    }

    public Optional<WebhookDelivery> findDelivery(String deliveryId) {
        return ctx.selectFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.ID.eq(deliveryId))
                .fetchOptional()
                .map(WebhookRepository::toDelivery);
    }

    public Optional<WebhookDelivery> findDelivery(String webhookId, String deliveryId) {
        return ctx.selectFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.ID.eq(deliveryId))
                .and(WEBHOOK_DELIVERY.WEBHOOK_ID.eq(webhookId))
                .fetchOptional()
                .map(WebhookRepository::toDelivery);
    }

    /** Newest first. */
    public List<WebhookDelivery> listDeliveries(String webhookId, int offset, int limit) {
        return ctx.selectFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.WEBHOOK_ID.eq(webhookId))
                .orderBy(WEBHOOK_DELIVERY.CREATED_AT.desc(), WEBHOOK_DELIVERY.ID.desc())
                .limit(limit)
                .offset(offset)
                .fetch(WebhookRepository::toDelivery);
    }

    /** Deliveries of the invoice's events to any of its store's webhooks, newest first (at most {@code limit}). */
    public List<WebhookDelivery> listDeliveriesForInvoice(String invoiceId, int limit) {
        return ctx.select(WEBHOOK_DELIVERY.fields())
                .from(WEBHOOK_DELIVERY)
                .join(INVOICE_EVENT)
                .on(INVOICE_EVENT.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
                .where(INVOICE_EVENT.INVOICE_ID.eq(invoiceId))
                .orderBy(WEBHOOK_DELIVERY.CREATED_AT.desc(), WEBHOOK_DELIVERY.ID.desc())
                .limit(limit)
                .fetch(row -> toDelivery(row.into(WEBHOOK_DELIVERY)));
    }

    /** The chain's deliveries, oldest first. */
    public List<WebhookDelivery> listChain(String originalDeliveryId) {
        return ctx.selectFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.ORIGINAL_DELIVERY_ID.eq(originalDeliveryId))
                .orderBy(WEBHOOK_DELIVERY.CREATED_AT, WEBHOOK_DELIVERY.ATTEMPT)
                .fetch(WebhookRepository::toDelivery);
    }

    /** Records the attempt's outcome once: a delivery that was attempted before keeps its first result. */
    public boolean recordAttempt(
            String deliveryId, DeliveryStatus status, Integer httpCode, String errorMessage, Instant attemptedAt) {
        return ctx.update(WEBHOOK_DELIVERY)
                        .set(WEBHOOK_DELIVERY.STATUS, WebhookDeliveryStatus.valueOf(status.name()))
                        .set(WEBHOOK_DELIVERY.HTTP_CODE, httpCode)
                        .set(
                                WEBHOOK_DELIVERY.ERROR_MESSAGE,
                                errorMessage == null
                                        ? null
                                        : errorMessage.substring(0, Math.min(errorMessage.length(), 1000)))
                        .set(WEBHOOK_DELIVERY.ATTEMPTED_AT, UtcTimestamps.toDb(attemptedAt))
                        .where(WEBHOOK_DELIVERY.ID.eq(deliveryId))
                        .and(WEBHOOK_DELIVERY.STATUS.eq(WebhookDeliveryStatus.PENDING))
                        .execute()
                == 1;
    }

    /** Seals the secrets stored before secrets were sealed; returns how many. Safe to run on several instances. */
    public int sealPlaintextSecrets() {
        int sealedNow = 0;
        for (var row : ctx.select(WEBHOOK.ID, WEBHOOK.SECRET)
                .from(WEBHOOK)
                .where(WEBHOOK.SECRET.notLike(SEALED + "%"))
                .fetch()) {
            sealedNow += ctx.update(WEBHOOK)
                    .set(WEBHOOK.SECRET, sealed(row.value1(), row.value2()))
                    .where(WEBHOOK.ID.eq(row.value1()))
                    .and(WEBHOOK.SECRET.eq(row.value2()))
                    .execute();
        }
        return sealedNow;
    }

    private String sealed(String webhookId, String secret) {
        return SEALED
                + Base64.getEncoder().encodeToString(seal.seal(webhookId, secret.getBytes(StandardCharsets.UTF_8)));
    }

    private String opened(String webhookId, String stored) {
        if (!stored.startsWith(SEALED)) {
            return stored; // written before secrets were sealed, until the start-up sealing reaches it
        }
        return new String(
                seal.open(webhookId, Base64.getDecoder().decode(stored.substring(SEALED.length()))),
                StandardCharsets.UTF_8);
    }

    private Webhook toWebhook(WebhookRecord row) {
        List<String> events = row.getSpecificEvents().isEmpty()
                ? List.of()
                : Arrays.asList(row.getSpecificEvents().split(SEPARATOR));
        return new Webhook(
                row.getId(),
                row.getMerchantId(),
                row.getUrl(),
                opened(row.getId(), row.getSecret()),
                row.getEnabled(),
                row.getAutomaticRedelivery(),
                row.getEverything(),
                events,
                UtcTimestamps.fromDb(row.getCreatedAt()));
    }

    private static WebhookDelivery toDelivery(WebhookDeliveryRecord row) {
        return new WebhookDelivery(
                row.getId(),
                row.getWebhookId(),
                row.getOriginalDeliveryId(),
                row.getEventId(),
                row.getAttempt(),
                row.getIsRedelivery(),
                row.getEventType(),
                row.getRequestBody(),
                DeliveryStatus.valueOf(row.getStatus().name()),
                row.getHttpCode(),
                row.getErrorMessage(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                UtcTimestamps.fromDb(row.getAttemptedAt()));
    }
}
