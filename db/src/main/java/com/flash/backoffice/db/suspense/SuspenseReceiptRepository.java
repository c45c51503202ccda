package com.flash.backoffice.db.suspense;

import static com.flash.backoffice.db.jooq.Tables.SUSPENSE_RECEIPT;

import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.jooq.enums.SuspenseReceiptKind;
import com.flash.backoffice.db.jooq.enums.SuspenseReceiptPaymentMethod;
import com.flash.backoffice.db.jooq.tables.records.SuspenseReceiptRecord;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Receipts in suspense. Recording is idempotent by receipt key, so the activity that books a receipt records it in
 * the same transaction and a retry writes nothing twice. Resolving is a conditional update on the revision read, so
 * two staff allocating at once cannot together resolve more than the receipt holds.
 */
@Repository
public class SuspenseReceiptRepository {

    private final DSLContext ctx;

    public SuspenseReceiptRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Stores the receipt unless its key exists; returns the stored row either way. */
    public SuspenseReceipt record(NewSuspenseReceipt receipt) {
        ctx.insertInto(SUSPENSE_RECEIPT)
                .set(SUSPENSE_RECEIPT.RECEIPT_KEY, receipt.receiptKey())
                .set(
                        SUSPENSE_RECEIPT.KIND,
                        SuspenseReceiptKind.valueOf(receipt.kind().name()))
                .set(SUSPENSE_RECEIPT.CUSTODIAL, receipt.custodial())
                .set(SUSPENSE_RECEIPT.INVOICE_ID, receipt.invoiceId())
                .set(SUSPENSE_RECEIPT.MERCHANT_ID, receipt.merchantId())
                .set(
                        SUSPENSE_RECEIPT.PAYMENT_METHOD,
                        SuspenseReceiptPaymentMethod.valueOf(
                                receipt.paymentMethod().name()))
                .set(SUSPENSE_RECEIPT.PAYMENT_REF, receipt.paymentRef())
                .set(SUSPENSE_RECEIPT.ADDRESS, receipt.address())
                .set(SUSPENSE_RECEIPT.AMOUNT_MSAT, receipt.amountMsat())
                .set(SUSPENSE_RECEIPT.LEDGER_SOURCE_KEY, receipt.ledgerSourceKey())
                .set(SUSPENSE_RECEIPT.RECEIVED_AT, UtcTimestamps.toDb(receipt.receivedAt()))
                .set(SUSPENSE_RECEIPT.CREATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .onDuplicateKeyIgnore()
                .execute();
        return findByKey(receipt.receiptKey()).orElseThrow();
    }

    public Optional<SuspenseReceipt> findByKey(String receiptKey) {
        return ctx.selectFrom(SUSPENSE_RECEIPT)
                .where(SUSPENSE_RECEIPT.RECEIPT_KEY.eq(receiptKey))
                .fetchOptional(SuspenseReceiptRepository::toReceipt);
    }

    public Optional<SuspenseReceipt> findById(long id) {
        return ctx.selectFrom(SUSPENSE_RECEIPT)
                .where(SUSPENSE_RECEIPT.ID.eq(id))
                .fetchOptional(SuspenseReceiptRepository::toReceipt);
    }

    public List<SuspenseReceipt> findByInvoice(String invoiceId) {
        return ctx.selectFrom(SUSPENSE_RECEIPT)
                .where(SUSPENSE_RECEIPT.INVOICE_ID.eq(invoiceId))
                .orderBy(SUSPENSE_RECEIPT.ID)
                .fetch(SuspenseReceiptRepository::toReceipt);
    }

    /** Receipts with something left to resolve, oldest first. */
    public List<SuspenseReceipt> findOpen(int limit) {
        return ctx.selectFrom(SUSPENSE_RECEIPT)
                .where(SUSPENSE_RECEIPT.RESOLVED_MSAT.lt(SUSPENSE_RECEIPT.AMOUNT_MSAT))
                .orderBy(SUSPENSE_RECEIPT.RECEIVED_AT, SUSPENSE_RECEIPT.ID)
                .limit(limit)
                .fetch(SuspenseReceiptRepository::toReceipt);
    }

    /** The open amount of all custodial receipts: what the suspense account's ledger balance must equal. */
    public long openCustodialMsat() {
        BigDecimal sum = ctx.select(DSL.sum(SUSPENSE_RECEIPT.AMOUNT_MSAT.minus(SUSPENSE_RECEIPT.RESOLVED_MSAT)))
                .from(SUSPENSE_RECEIPT)
                .where(SUSPENSE_RECEIPT.CUSTODIAL.isTrue())
                .fetchOne(0, BigDecimal.class);
        return sum == null ? 0 : sum.longValueExact();
    }

    /**
     * Resolves {@code amountMsat} more of the receipt if it is still at {@code revision} and holds that much open;
     * false when another change came first or too little is open (nothing is written then).
     */
    public boolean resolve(long id, int revision, long amountMsat) {
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("resolve a positive amount");
        }
        return ctx.update(SUSPENSE_RECEIPT)
                        .set(SUSPENSE_RECEIPT.RESOLVED_MSAT, SUSPENSE_RECEIPT.RESOLVED_MSAT.plus(amountMsat))
                        .set(SUSPENSE_RECEIPT.REVISION, SUSPENSE_RECEIPT.REVISION.plus(1))
                        .where(SUSPENSE_RECEIPT.ID.eq(id))
                        .and(SUSPENSE_RECEIPT.REVISION.eq(revision))
                        .and(SUSPENSE_RECEIPT
                                .AMOUNT_MSAT
                                .minus(SUSPENSE_RECEIPT.RESOLVED_MSAT)
                                .ge(amountMsat))
                        .execute()
                == 1;
    }

    /** Opens {@code amountMsat} of the receipt again (a refund from suspense that was released unpaid). */
    public void reopen(long id, long amountMsat) {
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("reopen a positive amount");
        }
        int updated = ctx.update(SUSPENSE_RECEIPT)
                .set(SUSPENSE_RECEIPT.RESOLVED_MSAT, SUSPENSE_RECEIPT.RESOLVED_MSAT.minus(amountMsat))
                .set(SUSPENSE_RECEIPT.REVISION, SUSPENSE_RECEIPT.REVISION.plus(1))
                .where(SUSPENSE_RECEIPT.ID.eq(id))
                .and(SUSPENSE_RECEIPT.RESOLVED_MSAT.ge(amountMsat))
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("receipt " + id + " has less than " + amountMsat + " msat resolved");
        }
    }

    private static SuspenseReceipt toReceipt(SuspenseReceiptRecord row) {
        return new SuspenseReceipt(
                row.getId(),
                row.getReceiptKey(),
                SuspenseKind.valueOf(row.getKind().name()),
                row.getCustodial(),
                row.getInvoiceId(),
                row.getMerchantId(),
                PaymentMethod.valueOf(row.getPaymentMethod().name()),
                row.getPaymentRef(),
                row.getAddress(),
                row.getAmountMsat(),
                row.getResolvedMsat(),
                row.getLedgerSourceKey(),
                UtcTimestamps.fromDb(row.getReceivedAt()),
                row.getRevision());
    }
}
