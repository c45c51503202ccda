package com.flash.backoffice.db.chain;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static com.flash.backoffice.db.jooq.Tables.INVOICE_LIGHTNING;

import com.flash.backoffice.db.jooq.tables.records.InvoiceLightningRecord;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Lightning invoices of Flash invoices, by payment hash. */
@Repository
public class InvoiceLightningRepository {

    private final DSLContext ctx;

    public InvoiceLightningRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    public void insert(InvoiceLightning invoice) {
        ctx.insertInto(INVOICE_LIGHTNING)
                .set(INVOICE_LIGHTNING.PAYMENT_HASH, invoice.paymentHash())
                .set(INVOICE_LIGHTNING.INVOICE_ID, invoice.invoiceId())
                .set(INVOICE_LIGHTNING.NODE_ID, invoice.nodeId())
                .set(INVOICE_LIGHTNING.BOLT11, invoice.bolt11())
                .set(INVOICE_LIGHTNING.AMOUNT_MSAT, invoice.amountMsat())
                .set(INVOICE_LIGHTNING.ADD_INDEX, invoice.addIndex())
                .set(INVOICE_LIGHTNING.EXPIRES_AT, UtcTimestamps.toDb(invoice.expiresAt()))
                .set(INVOICE_LIGHTNING.CREATED_AT, UtcTimestamps.toDb(invoice.createdAt()))
                .execute();
    }

    /** Stores it unless the invoice already has a Lightning invoice for this amount; true when stored. */
    public boolean insertUnlessAmountKnown(InvoiceLightning invoice) {
        return ctx.insertInto(INVOICE_LIGHTNING)
                        .set(INVOICE_LIGHTNING.PAYMENT_HASH, invoice.paymentHash())
                        .set(INVOICE_LIGHTNING.INVOICE_ID, invoice.invoiceId())
                        .set(INVOICE_LIGHTNING.NODE_ID, invoice.nodeId())
                        .set(INVOICE_LIGHTNING.BOLT11, invoice.bolt11())
                        .set(INVOICE_LIGHTNING.AMOUNT_MSAT, invoice.amountMsat())
                        .set(INVOICE_LIGHTNING.ADD_INDEX, invoice.addIndex())
                        .set(INVOICE_LIGHTNING.EXPIRES_AT, UtcTimestamps.toDb(invoice.expiresAt()))
                        .set(INVOICE_LIGHTNING.CREATED_AT, UtcTimestamps.toDb(invoice.createdAt()))
                        .onDuplicateKeyIgnore()
                        .execute()
                == 1;
    }

    public Optional<InvoiceLightning> findByInvoiceAndAmount(String invoiceId, long amountMsat) {
        return ctx.selectFrom(INVOICE_LIGHTNING)
                .where(INVOICE_LIGHTNING.INVOICE_ID.eq(invoiceId))
                .and(INVOICE_LIGHTNING.AMOUNT_MSAT.eq(amountMsat))
                .fetchOptional(InvoiceLightningRepository::toLightning);
    }

    /** The one created last: the one offered once nothing more is due. */
    public Optional<InvoiceLightning> findLatestByInvoice(String invoiceId) {
        return ctx.selectFrom(INVOICE_LIGHTNING)
                .where(INVOICE_LIGHTNING.INVOICE_ID.eq(invoiceId))
                .orderBy(INVOICE_LIGHTNING.CREATED_AT.desc(), INVOICE_LIGHTNING.ADD_INDEX.desc())
                .limit(1)
                .fetchOptional(InvoiceLightningRepository::toLightning);
    }

    /** All of them, oldest first: every one can still be paid, and the watcher matches each. */
    public List<InvoiceLightning> findAllByInvoice(String invoiceId) {
        return ctx.selectFrom(INVOICE_LIGHTNING)
                .where(INVOICE_LIGHTNING.INVOICE_ID.eq(invoiceId))
                .orderBy(INVOICE_LIGHTNING.CREATED_AT, INVOICE_LIGHTNING.ADD_INDEX)
                .fetch(InvoiceLightningRepository::toLightning);
    }

    public Optional<InvoiceLightning> findByPaymentHash(String paymentHash) {
        return ctx.selectFrom(INVOICE_LIGHTNING)
                .where(INVOICE_LIGHTNING.PAYMENT_HASH.eq(paymentHash))
                .fetchOptional(InvoiceLightningRepository::toLightning);
    }

    public Optional<InvoiceLightning> findByInvoice(String invoiceId) {
        return ctx.selectFrom(INVOICE_LIGHTNING)
                .where(INVOICE_LIGHTNING.INVOICE_ID.eq(invoiceId))
                .orderBy(INVOICE_LIGHTNING.CREATED_AT)
                .limit(1)
                .fetchOptional(InvoiceLightningRepository::toLightning);
    }

    /** Lightning invoices on {@code nodeId} whose Flash invoice is still monitored at {@code now}. */
    public List<InvoiceLightning> findMonitored(String nodeId, Instant now) {
        return ctx.select(INVOICE_LIGHTNING.fields())
                .from(INVOICE_LIGHTNING)
                .join(INVOICE)
                .on(INVOICE.ID.eq(INVOICE_LIGHTNING.INVOICE_ID))
                .where(INVOICE_LIGHTNING.NODE_ID.eq(nodeId))
                .and(INVOICE.MONITORING_UNTIL.gt(UtcTimestamps.toDb(now)))
                .fetchInto(INVOICE_LIGHTNING)
                .map(InvoiceLightningRepository::toLightning);
    }

    private static InvoiceLightning toLightning(InvoiceLightningRecord row) {
        return new InvoiceLightning(
                row.getPaymentHash(),
                row.getInvoiceId(),
                row.getNodeId(),
                row.getBolt11(),
                row.getAmountMsat(),
                row.getAddIndex(),
                UtcTimestamps.fromDb(row.getExpiresAt()),
                UtcTimestamps.fromDb(row.getCreatedAt()));
    }
}
