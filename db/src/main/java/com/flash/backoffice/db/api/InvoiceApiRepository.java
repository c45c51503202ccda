package com.flash.backoffice.db.api;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;

import com.flash.backoffice.db.invoice.InvoiceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * What the Greenfield API keeps beside an invoice: archived flag, checkout redirect URL, metadata updates,
 * and the list with BTCPay's filters. Status and payments stay the invoice workflow's (InvoiceRepository).
 */
@Repository
public class InvoiceApiRepository {

    /** The API-only columns of an invoice. */
    public record ApiInvoiceFields(boolean archived, String redirectUrl) {}

    private final DSLContext ctx;

    public InvoiceApiRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    public Optional<ApiInvoiceFields> fields(String invoiceId) {
        return ctx.select(INVOICE.ARCHIVED, INVOICE.REDIRECT_URL)
                .from(INVOICE)
                .where(INVOICE.ID.eq(invoiceId))
                .fetchOptional(row -> new ApiInvoiceFields(row.value1(), row.value2()));
    }

    public void setRedirectUrl(String invoiceId, String redirectUrl) {
        ctx.update(INVOICE)
                .set(INVOICE.REDIRECT_URL, redirectUrl)
                .where(INVOICE.ID.eq(invoiceId))
                .execute();
    }

    /** Replaces the metadata (and the order id kept for search); false when there is no such invoice. */
    public boolean updateMetadata(String invoiceId, String metadataJson, String orderId) {
        return ctx.update(INVOICE)
                        .set(INVOICE.METADATA, metadataJson)
                        .set(INVOICE.ORDER_ID, orderId)
                        .where(INVOICE.ID.eq(invoiceId))
                        .execute()
                == 1;
    }

    public boolean setArchived(String invoiceId, boolean archived) {
        return ctx.update(INVOICE)
                        .set(INVOICE.ARCHIVED, archived)
                        .where(INVOICE.ID.eq(invoiceId))
                        .execute()
                == 1;
    }

    /** Ids of the matching invoices, newest first. */
    public List<String> findIds(ApiInvoiceQuery query) {
        return ctx.select(INVOICE.ID)
                .from(INVOICE)
                .where(matching(query))
                .orderBy(INVOICE.CREATED_AT.desc(), INVOICE.ID.desc())
                .limit(query.limit())
                .offset(query.offset())
                .fetch(INVOICE.ID);
    }

    private static List<Condition> matching(ApiInvoiceQuery query) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(INVOICE.MERCHANT_ID.eq(query.merchantId()));
        if (!query.includeArchived()) {
            conditions.add(INVOICE.ARCHIVED.isFalse());
        }
        if (!query.statuses().isEmpty()) {
            conditions.add(INVOICE.STATUS.in(
                    query.statuses().stream().map(InvoiceApiRepository::column).toList()));
        }
        if (!query.orderIds().isEmpty()) {
            conditions.add(INVOICE.ORDER_ID.in(query.orderIds()));
        }
        if (query.text() != null && !query.text().isBlank()) {
            String text = query.text().strip();
            conditions.add(INVOICE.ID.eq(text).or(INVOICE.ORDER_ID.startsWith(text)));
        }
        if (query.from() != null) {
            conditions.add(INVOICE.CREATED_AT.ge(com.flash.backoffice.db.support.UtcTimestamps.toDb(query.from())));
        }
        if (query.to() != null) {
            conditions.add(INVOICE.CREATED_AT.lt(com.flash.backoffice.db.support.UtcTimestamps.toDb(query.to())));
        }
        return conditions;
    }

    private static com.flash.backoffice.db.jooq.enums.InvoiceStatus column(InvoiceStatus status) {
        return com.flash.backoffice.db.jooq.enums.InvoiceStatus.valueOf(status.name());
    }
}
