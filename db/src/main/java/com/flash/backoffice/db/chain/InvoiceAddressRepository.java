package com.flash.backoffice.db.chain;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static com.flash.backoffice.db.jooq.Tables.INVOICE_ADDRESS;
import static com.flash.backoffice.db.jooq.Tables.INVOICE_PAYMENT;

import com.flash.backoffice.db.jooq.enums.InvoiceAddressCustody;
import com.flash.backoffice.db.jooq.enums.InvoicePaymentMethod;
import com.flash.backoffice.db.jooq.tables.records.InvoiceAddressRecord;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Invoice addresses: written once when allocated, read by the chain watcher and the invoice's payment methods. */
@Repository
public class InvoiceAddressRepository {

    private final DSLContext ctx;

    public InvoiceAddressRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    public void insert(InvoiceAddress address) {
        ctx.insertInto(INVOICE_ADDRESS)
                .set(INVOICE_ADDRESS.ADDRESS, address.address())
                .set(INVOICE_ADDRESS.INVOICE_ID, address.invoiceId())
                .set(INVOICE_ADDRESS.MERCHANT_ID, address.merchantId())
                .set(INVOICE_ADDRESS.DERIVATION_INDEX, address.derivationIndex())
                .set(
                        INVOICE_ADDRESS.CUSTODY,
                        InvoiceAddressCustody.valueOf(address.custody().name()))
                .set(INVOICE_ADDRESS.CREATED_AT, UtcTimestamps.toDb(address.createdAt()))
                .execute();
    }

    /** The invoice's address, if one was allocated (the first one, should there ever be more). */
    public Optional<InvoiceAddress> findByInvoice(String invoiceId) {
        return ctx.selectFrom(INVOICE_ADDRESS)
                .where(INVOICE_ADDRESS.INVOICE_ID.eq(invoiceId))
                .orderBy(INVOICE_ADDRESS.CREATED_AT, INVOICE_ADDRESS.ADDRESS)
                .limit(1)
                .fetchOptional(InvoiceAddressRepository::toAddress);
    }

    public Optional<InvoiceAddress> findByAddress(String address) {
        return ctx.selectFrom(INVOICE_ADDRESS)
                .where(INVOICE_ADDRESS.ADDRESS.eq(address))
                .fetchOptional(InvoiceAddressRepository::toAddress);
    }

    /**
     * The store's address gap: how many addresses of its watch-only key were handed out after the last one that
     * received an on-chain payment (all of them if none has). A wallet restored from the key finds no coins beyond
     * its gap limit (usually 20) of unused addresses in a row.
     */
    public int unusedGap(String merchantId) {
        var used = INVOICE_ADDRESS.as("used");
        Field<Long> lastUsed = DSL.select(DSL.max(used.DERIVATION_INDEX))
                .from(used)
                .join(INVOICE_PAYMENT)
                .on(INVOICE_PAYMENT.DESTINATION.eq(used.ADDRESS))
                .and(INVOICE_PAYMENT.METHOD.eq(InvoicePaymentMethod.BTC_CHAIN))
                .where(used.MERCHANT_ID.eq(merchantId))
                .and(used.CUSTODY.eq(InvoiceAddressCustody.MERCHANT_WALLET))
                .asField();
        return ctx.fetchCount(
                INVOICE_ADDRESS,
                INVOICE_ADDRESS
                        .MERCHANT_ID
                        .eq(merchantId)
                        .and(INVOICE_ADDRESS.CUSTODY.eq(InvoiceAddressCustody.MERCHANT_WALLET))
                        .and(INVOICE_ADDRESS.DERIVATION_INDEX.gt(DSL.coalesce(lastUsed, -1L))));
    }

    /** The custody of the invoice's address; empty when it has none (no on-chain payment offered). */
    public Optional<OnchainCustody> custodyOf(String invoiceId) {
        return findByInvoice(invoiceId).map(InvoiceAddress::custody);
    }

    /**
     * Addresses of invoices whose monitoring window is still open at {@code now}, allocated at or after
     * {@code allocatedSince} (pass {@link Instant#EPOCH} for all of them).
     */
    public List<WatchedAddress> findWatched(Instant now, Instant allocatedSince) {
        return ctx.select(
                        INVOICE_ADDRESS.ADDRESS,
                        INVOICE_ADDRESS.INVOICE_ID,
                        INVOICE.SPEED_POLICY,
                        INVOICE_ADDRESS.CREATED_AT)
                .from(INVOICE_ADDRESS)
                .join(INVOICE)
                .on(INVOICE.ID.eq(INVOICE_ADDRESS.INVOICE_ID))
                .where(INVOICE.MONITORING_UNTIL.gt(UtcTimestamps.toDb(now)))
                .and(INVOICE_ADDRESS.CREATED_AT.ge(UtcTimestamps.toDb(allocatedSince)))
                .fetch(row -> new WatchedAddress(
                        row.value1(),
                        row.value2(),
                        SpeedPolicy.valueOf(row.value3().name()),
                        UtcTimestamps.fromDb(row.value4())));
    }

    /**
     * Every invoice address allocated at or after {@code allocatedSince}, whatever its invoice's state: an address
     * stays watched for good (BTCPay's NBXplorer does the same), so a payment after the monitoring window is seen.
     */
    public List<WatchedAddress> findAllocatedSince(Instant allocatedSince) {
        return ctx.select(
                        INVOICE_ADDRESS.ADDRESS,
                        INVOICE_ADDRESS.INVOICE_ID,
                        INVOICE.SPEED_POLICY,
                        INVOICE_ADDRESS.CREATED_AT)
                .from(INVOICE_ADDRESS)
                .join(INVOICE)
                .on(INVOICE.ID.eq(INVOICE_ADDRESS.INVOICE_ID))
                .where(INVOICE_ADDRESS.CREATED_AT.ge(UtcTimestamps.toDb(allocatedSince)))
                .fetch(row -> new WatchedAddress(
                        row.value1(),
                        row.value2(),
                        SpeedPolicy.valueOf(row.value3().name()),
                        UtcTimestamps.fromDb(row.value4())));
    }

    private static InvoiceAddress toAddress(InvoiceAddressRecord row) {
        return new InvoiceAddress(
                row.getAddress(),
                row.getInvoiceId(),
                row.getMerchantId(),
                row.getDerivationIndex(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                OnchainCustody.valueOf(row.getCustody().name()));
    }
}
