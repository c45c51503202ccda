package com.flash.backoffice.db.webhook;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static com.flash.backoffice.db.jooq.Tables.INVOICE_EVENT;
import static com.flash.backoffice.db.jooq.Tables.WEBHOOK_DISPATCHED_EVENT;
import static com.flash.backoffice.db.jooq.Tables.WEBHOOK_DISPATCH_CURSOR;

import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * The dispatcher's view of the {@code invoice_event} outbox: a persisted position, and the events it turned
 * into deliveries. Reads re-scan {@link #LOOKBACK} ids behind the position, so an event whose row committed
 * after a higher id was read is still found; the dispatched marks keep that re-scan from repeating work.
 */
@Repository
public class WebhookOutbox {

    public static final int LOOKBACK = 1_000;
    private static final int CURSOR_ID = 1;

    private final DSLContext ctx;

    public WebhookOutbox(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** An outbox event with the store it belongs to. */
    public record PendingEvent(String merchantId, InvoiceEvent event) {}

    public long position() {
        Long position = ctx.select(WEBHOOK_DISPATCH_CURSOR.LAST_EVENT_ID)
                .from(WEBHOOK_DISPATCH_CURSOR)
                .where(WEBHOOK_DISPATCH_CURSOR.ID.eq(CURSOR_ID))
                .fetchOne(WEBHOOK_DISPATCH_CURSOR.LAST_EVENT_ID);
        return position == null ? 0 : position;
    }

    /** Events not yet dispatched, oldest first, from {@link #LOOKBACK} ids behind the position on. */
    public List<PendingEvent> pending(int limit) {
        long from = Math.max(0, position() - LOOKBACK);
        return ctx.select(INVOICE.MERCHANT_ID, INVOICE_EVENT.asterisk())
                .from(INVOICE_EVENT)
                .join(INVOICE)
                .on(INVOICE.ID.eq(INVOICE_EVENT.INVOICE_ID))
                .leftJoin(WEBHOOK_DISPATCHED_EVENT)
                .on(WEBHOOK_DISPATCHED_EVENT.EVENT_ID.eq(INVOICE_EVENT.ID))
                .where(INVOICE_EVENT.ID.gt(from))
                .and(WEBHOOK_DISPATCHED_EVENT.EVENT_ID.isNull())
                .orderBy(INVOICE_EVENT.ID)
                .limit(limit)
                .fetch(row -> new PendingEvent(
                        row.get(INVOICE.MERCHANT_ID),
                        new InvoiceEvent(
                                row.get(INVOICE_EVENT.ID),
                                row.get(INVOICE_EVENT.INVOICE_ID),
                                row.get(INVOICE_EVENT.REVISION),
                                row.get(INVOICE_EVENT.EVENT_TYPE),
                                InvoiceStatus.valueOf(
                                        row.get(INVOICE_EVENT.STATUS).name()),
                                InvoiceAdditionalStatus.valueOf(
                                        row.get(INVOICE_EVENT.ADDITIONAL_STATUS).name()),
                                row.get(INVOICE_EVENT.PAYMENT_REF),
                                row.get(INVOICE_EVENT.DETAIL),
                                UtcTimestamps.fromDb(row.get(INVOICE_EVENT.OCCURRED_AT)))));
    }

    /** Marks the event dispatched and moves the position forward (never back). */
    public void markDispatched(long eventId) {
        ctx.insertInto(WEBHOOK_DISPATCHED_EVENT)
                .set(WEBHOOK_DISPATCHED_EVENT.EVENT_ID, eventId)
                .set(WEBHOOK_DISPATCHED_EVENT.DISPATCHED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .onDuplicateKeyIgnore()
                .execute();
        ctx.update(WEBHOOK_DISPATCH_CURSOR)
                .set(WEBHOOK_DISPATCH_CURSOR.LAST_EVENT_ID, eventId)
                .set(WEBHOOK_DISPATCH_CURSOR.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .where(WEBHOOK_DISPATCH_CURSOR.ID.eq(CURSOR_ID))
                .and(WEBHOOK_DISPATCH_CURSOR.LAST_EVENT_ID.lt(eventId))
                .execute();
    }
}
