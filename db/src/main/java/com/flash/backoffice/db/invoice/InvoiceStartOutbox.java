package com.flash.backoffice.db.invoice;

import static com.flash.backoffice.db.jooq.Tables.INVOICE_START_PENDING;

import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Invoices whose creation is not finished yet (payment methods, workflow): written in the invoice's transaction,
 * removed when it is finished, read by the reconciler for those a failed request left behind.
 */
@Repository
public class InvoiceStartOutbox {

    private final DSLContext ctx;

    public InvoiceStartOutbox(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** In the transaction that stores the invoice. */
    public void add(String invoiceId, Instant now) {
        ctx.insertInto(INVOICE_START_PENDING)
                .set(INVOICE_START_PENDING.INVOICE_ID, invoiceId)
                .set(INVOICE_START_PENDING.CREATED_AT, UtcTimestamps.toDb(now))
                .onDuplicateKeyIgnore()
                .execute();
    }

    public void remove(String invoiceId) {
        ctx.deleteFrom(INVOICE_START_PENDING)
                .where(INVOICE_START_PENDING.INVOICE_ID.eq(invoiceId))
                .execute();
    }

    /** The oldest unfinished invoices stored before {@code before}. */
    public List<String> due(Instant before, int limit) {
        return ctx.select(INVOICE_START_PENDING.INVOICE_ID)
                .from(INVOICE_START_PENDING)
                .where(INVOICE_START_PENDING.CREATED_AT.lt(UtcTimestamps.toDb(before)))
                .orderBy(INVOICE_START_PENDING.CREATED_AT, INVOICE_START_PENDING.INVOICE_ID)
                .limit(limit)
                .fetch(INVOICE_START_PENDING.INVOICE_ID);
    }

    public int count() {
        return ctx.fetchCount(INVOICE_START_PENDING);
    }
}
