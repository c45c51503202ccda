package com.flash.backoffice.db.api;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;

import com.flash.backoffice.db.invoice.InvoiceStatus;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.SelectLimitStep;
import org.jooq.Table;
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

    /**
     * Ids of the matching invoices, newest first. Several statuses are read as one ordered index range per status,
     * merged: a single {@code status IN (...)} range cannot be read in creation order and would be sorted whole.
     */
    public List<String> findIds(ApiInvoiceQuery query) {
        List<InvoiceStatus> statuses = query.statuses().stream().sorted().toList();
        if (statuses.size() <= 1) {
            return newestFirst(query, statuses.isEmpty() ? null : statuses.getFirst())
                    .limit(query.limit())
                    .offset(query.offset())
                    .fetch(INVOICE.ID);
        }
        Select<Record2<String, LocalDateTime>> merged = null;
        for (InvoiceStatus status : statuses) {
            var branch = newestFirst(query, status).limit(query.offset() + query.limit());
            merged = merged == null ? branch : merged.unionAll(branch);
        }
        Table<Record2<String, LocalDateTime>> perStatus = merged.asTable("per_status");
        Field<String> id = perStatus.field(INVOICE.ID);
        return ctx.select(id)
                .from(perStatus)
                .orderBy(perStatus.field(INVOICE.CREATED_AT).desc(), id.desc())
                .limit(query.limit())
                .offset(query.offset())
                .fetch(id);
    }

    private SelectLimitStep<Record2<String, LocalDateTime>> newestFirst(ApiInvoiceQuery query, InvoiceStatus status) {
        List<Condition> conditions = matching(query);
        if (status != null) {
            conditions.add(INVOICE.STATUS.eq(column(status)));
        }
        return ctx.select(INVOICE.ID, INVOICE.CREATED_AT)
                .from(INVOICE)
                .where(conditions)
                .orderBy(INVOICE.CREATED_AT.desc(), INVOICE.ID.desc());
    }

    /** The filters except the statuses, which {@link #findIds} applies. */
    private static List<Condition> matching(ApiInvoiceQuery query) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(INVOICE.MERCHANT_ID.eq(query.merchantId()));
        if (!query.includeArchived()) {
            conditions.add(INVOICE.ARCHIVED.isFalse());
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
