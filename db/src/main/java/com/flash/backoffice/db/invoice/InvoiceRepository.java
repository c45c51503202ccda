package com.flash.backoffice.db.invoice;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static com.flash.backoffice.db.jooq.Tables.INVOICE_EVENT;
import static com.flash.backoffice.db.jooq.Tables.INVOICE_PAYMENT;
import static com.flash.backoffice.db.jooq.Tables.INVOICE_WORKFLOW_STATE;

import com.flash.backoffice.db.jooq.tables.records.InvoiceEventRecord;
import com.flash.backoffice.db.jooq.tables.records.InvoicePaymentRecord;
import com.flash.backoffice.db.jooq.tables.records.InvoiceRecord;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.SelectLimitStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Invoices, their payments and their timeline. Creation belongs to the API; status, paid amount and
 * payments belong to the invoice workflow, which writes them through {@link #saveState} only.
 */
@Repository
public class InvoiceRepository {

    private final DSLContext ctx;

    public InvoiceRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Stores a New invoice under a fresh random id; the caller starts its workflow afterwards. */
    public Invoice create(NewInvoice invoice) {
        String id = RandomIds.newId();
        ctx.insertInto(INVOICE)
                .set(INVOICE.ID, id)
                .set(INVOICE.MERCHANT_ID, invoice.merchantId())
                .set(INVOICE.STATUS, InvoiceColumns.status(InvoiceStatus.NEW))
                .set(INVOICE.ADDITIONAL_STATUS, InvoiceColumns.additional(InvoiceAdditionalStatus.NONE))
                .set(INVOICE.AMOUNT_MSAT, invoice.amountMsat())
                .set(INVOICE.CURRENCY, invoice.currency())
                .set(INVOICE.FIAT_AMOUNT, invoice.fiatAmount())
                .set(INVOICE.RATE, invoice.rate())
                .set(INVOICE.ORDER_ID, invoice.orderId())
                .set(INVOICE.METADATA, invoice.metadataJson())
                .set(INVOICE.SPEED_POLICY, InvoiceColumns.speedPolicy(invoice.speedPolicy()))
                .set(INVOICE.TOLERANCE_BP, invoice.toleranceBasisPoints())
                .set(INVOICE.PROCESSING_FEE_BP, invoice.processingFeeBasisPoints())
                .set(INVOICE.CREATED_AT, UtcTimestamps.toDb(invoice.createdAt()))
                .set(INVOICE.EXPIRES_AT, UtcTimestamps.toDb(invoice.expiresAt()))
                .set(INVOICE.MONITORING_UNTIL, UtcTimestamps.toDb(invoice.monitoringUntil()))
                .set(INVOICE.PAID_MSAT, 0L)
                .set(INVOICE.REVISION, 0)
                .set(INVOICE.UPDATED_AT, UtcTimestamps.toDb(invoice.createdAt()))
                .execute();
        return findById(id).orElseThrow();
    }

    public Optional<Invoice> findById(String id) {
        return ctx.selectFrom(INVOICE).where(INVOICE.ID.eq(id)).fetchOptional().map(InvoiceRepository::toInvoice);
    }

    /** Marks an invoice as created without a login or an API key (the pay button). */
    public void markAnonymous(String invoiceId) {
        ctx.update(INVOICE)
                .set(INVOICE.ANONYMOUS, true)
                .where(INVOICE.ID.eq(invoiceId))
                .execute();
    }

    /**
     * The store's anonymous invoices still waiting for their first payment at {@code now}: New, nothing paid, not
     * expired. Each holds a fresh address of the store's key.
     */
    public OpenInvoices openAnonymous(String merchantId, Instant now) {
        var row = ctx.select(DSL.count(), DSL.min(INVOICE.EXPIRES_AT))
                .from(INVOICE)
                .where(INVOICE.MERCHANT_ID.eq(merchantId))
                .and(INVOICE.ANONYMOUS.isTrue())
                .and(INVOICE.STATUS.eq(com.flash.backoffice.db.jooq.enums.InvoiceStatus.NEW))
                .and(INVOICE.EXPIRES_AT.gt(UtcTimestamps.toDb(now)))
                .and(INVOICE.PAID_MSAT.eq(0L))
                .fetchOne();
        return new OpenInvoices(row.value1(), UtcTimestamps.fromDb(row.value2()));
    }

    /**
     * Writes the workflow's state and payments in one transaction if {@code update.revision()} is newer than
     * the stored one; an equal or older revision (a retry, or a write overtaken by a later one) changes nothing.
     */
    public SaveStateResult saveState(InvoiceStateUpdate update) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Integer stored = tx.select(INVOICE.REVISION)
                    .from(INVOICE)
                    .where(INVOICE.ID.eq(update.invoiceId()))
                    .forUpdate()
                    .fetchOne(INVOICE.REVISION);
            if (stored == null) {
                return SaveStateResult.NOT_FOUND;
            }
            saveWorkflowState(tx, update);
            if (stored >= update.revision()) {
                return SaveStateResult.ALREADY_SAVED;
            }
            tx.update(INVOICE)
                    .set(INVOICE.STATUS, InvoiceColumns.status(update.status()))
                    .set(INVOICE.ADDITIONAL_STATUS, InvoiceColumns.additional(update.additionalStatus()))
                    .set(INVOICE.PAID_MSAT, update.paidMsat())
                    .set(INVOICE.STATUS_REASON, update.statusReason())
                    .set(INVOICE.NEEDS_ATTENTION, update.attentionReason() != null)
                    .set(INVOICE.ATTENTION_REASON, update.attentionReason())
                    .set(INVOICE.REVISION, update.revision())
                    .set(INVOICE.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                    .where(INVOICE.ID.eq(update.invoiceId()))
                    .execute();
            for (InvoicePayment payment : update.payments()) {
                upsertPayment(tx, update.invoiceId(), payment);
            }
            return SaveStateResult.SAVED;
        });
    }

    /**
     * Keeps the newest workflow state. Apart from the invoice row's revision: the opening state has the revision the
     * row is created with (0), so the row alone would never take it.
     */
    private static void saveWorkflowState(DSLContext tx, InvoiceStateUpdate update) {
        tx.execute(
                "INSERT INTO invoice_workflow_state (invoice_id, revision, state_json) VALUES (?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE"
                        + " state_json = IF(VALUES(revision) > revision, VALUES(state_json), state_json),"
                        + " revision = GREATEST(revision, VALUES(revision))",
                update.invoiceId(),
                update.revision(),
                update.workflowStateJson());
    }

    /** The workflow state last saved by {@link #saveState}, as JSON; empty before the workflow's first save. */
    public Optional<String> findWorkflowState(String invoiceId) {
        return ctx.select(INVOICE_WORKFLOW_STATE.STATE_JSON)
                .from(INVOICE_WORKFLOW_STATE)
                .where(INVOICE_WORKFLOW_STATE.INVOICE_ID.eq(invoiceId))
                .fetchOptional(INVOICE_WORKFLOW_STATE.STATE_JSON);
    }

    /** Inserts the payment or, when its reference is known, updates what can change: confirmations, status. */
    public void upsertPayment(String invoiceId, InvoicePayment payment) {
        upsertPayment(ctx, invoiceId, payment);
    }

    private static void upsertPayment(DSLContext tx, String invoiceId, InvoicePayment payment) {
        var now = UtcTimestamps.toDb(UtcTimestamps.now());
        tx.insertInto(INVOICE_PAYMENT)
                .set(INVOICE_PAYMENT.INVOICE_ID, invoiceId)
                .set(INVOICE_PAYMENT.METHOD, InvoiceColumns.method(payment.method()))
                .set(INVOICE_PAYMENT.PAYMENT_REF, payment.paymentRef())
                .set(INVOICE_PAYMENT.DESTINATION, payment.destination())
                .set(INVOICE_PAYMENT.AMOUNT_MSAT, payment.amountMsat())
                .set(INVOICE_PAYMENT.CONFIRMATIONS, payment.confirmations())
                .set(INVOICE_PAYMENT.RBF, payment.rbf())
                .set(INVOICE_PAYMENT.STATUS, InvoiceColumns.paymentStatus(payment.status()))
                .set(INVOICE_PAYMENT.SEEN_AT, UtcTimestamps.toDb(payment.seenAt()))
                .set(INVOICE_PAYMENT.UPDATED_AT, now)
                .onDuplicateKeyUpdate()
                .set(INVOICE_PAYMENT.CONFIRMATIONS, payment.confirmations())
                .set(INVOICE_PAYMENT.RBF, payment.rbf())
                .set(INVOICE_PAYMENT.STATUS, InvoiceColumns.paymentStatus(payment.status()))
                .set(INVOICE_PAYMENT.UPDATED_AT, now)
                .execute();
    }

    /** In the order they were first seen. */
    public List<InvoicePayment> findPayments(String invoiceId) {
        return ctx.selectFrom(INVOICE_PAYMENT)
                .where(INVOICE_PAYMENT.INVOICE_ID.eq(invoiceId))
                .orderBy(INVOICE_PAYMENT.SEEN_AT, INVOICE_PAYMENT.ID)
                .fetch(InvoiceRepository::toPayment);
    }

    /** Appends the event unless the same (invoice, revision, type, payment) is stored; true when appended. */
    public boolean appendEvent(InvoiceEvent event) {
        return ctx.insertInto(INVOICE_EVENT)
                        .set(INVOICE_EVENT.INVOICE_ID, event.invoiceId())
                        .set(INVOICE_EVENT.REVISION, event.revision())
                        .set(INVOICE_EVENT.EVENT_TYPE, event.eventType())
                        .set(INVOICE_EVENT.STATUS, InvoiceColumns.eventStatus(event.status()))
                        .set(INVOICE_EVENT.ADDITIONAL_STATUS, InvoiceColumns.eventAdditional(event.additionalStatus()))
                        .set(INVOICE_EVENT.PAYMENT_REF, event.paymentRef())
                        .set(INVOICE_EVENT.DETAIL, event.detail())
                        .set(INVOICE_EVENT.OCCURRED_AT, UtcTimestamps.toDb(event.occurredAt()))
                        .onDuplicateKeyIgnore()
                        .execute()
                == 1;
    }

    /** The timeline, oldest first. */
    public List<InvoiceEvent> findEvents(String invoiceId) {
        return ctx.selectFrom(INVOICE_EVENT)
                .where(INVOICE_EVENT.INVOICE_ID.eq(invoiceId))
                .orderBy(INVOICE_EVENT.ID)
                .fetch(InvoiceRepository::toEvent);
    }

    /**
     * Newest first, one page. The page's ids are found on an index alone (no row is read for the rows skipped
     * by the offset), then only the page's rows are read by primary key. Several statuses are read as one
     * ordered range per status, merged: a single {@code status IN (...)} range cannot be read in creation order
     * and would be sorted whole.
     */
    public List<Invoice> find(InvoiceQuery query) {
        Table<Record2<String, LocalDateTime>> page = pageOfIds(query).asTable("page");
        return ctx.select(INVOICE.fields())
                .from(INVOICE)
                .join(page)
                .on(INVOICE.ID.eq(page.field(INVOICE.ID)))
                .orderBy(INVOICE.CREATED_AT.desc(), INVOICE.ID.desc())
                .fetchInto(INVOICE)
                .map(InvoiceRepository::toInvoice);
    }

    private Select<Record2<String, LocalDateTime>> pageOfIds(InvoiceQuery query) {
        List<InvoiceStatus> statuses = query.statuses().stream().sorted().toList();
        if (statuses.size() <= 1) {
            return newestFirst(query, statuses.isEmpty() ? null : statuses.getFirst())
                    .limit(query.limit())
                    .offset(query.offset());
        }
        Select<Record2<String, LocalDateTime>> merged = null;
        for (InvoiceStatus status : statuses) {
            var branch = newestFirst(query, status).limit(query.offset() + query.limit());
            merged = merged == null ? branch : merged.unionAll(branch);
        }
        Table<Record2<String, LocalDateTime>> perStatus = merged.asTable("per_status");
        return ctx.select(perStatus.field(INVOICE.ID), perStatus.field(INVOICE.CREATED_AT))
                .from(perStatus)
                .orderBy(
                        perStatus.field(INVOICE.CREATED_AT).desc(),
                        perStatus.field(INVOICE.ID).desc())
                .limit(query.limit())
                .offset(query.offset());
    }

    private SelectLimitStep<Record2<String, LocalDateTime>> newestFirst(InvoiceQuery query, InvoiceStatus status) {
        List<Condition> conditions = matching(query);
        if (status != null) {
            conditions.add(INVOICE.STATUS.eq(InvoiceColumns.status(status)));
        }
        return ctx.select(INVOICE.ID, INVOICE.CREATED_AT)
                .from(INVOICE)
                .where(conditions)
                .orderBy(INVOICE.CREATED_AT.desc(), INVOICE.ID.desc());
    }

    /** The list's filters except the statuses, which {@link #pageOfIds} applies. */
    private static List<Condition> matching(InvoiceQuery query) {
        List<Condition> conditions = new ArrayList<>();
        if (query.merchantId() != null) {
            conditions.add(INVOICE.MERCHANT_ID.eq(query.merchantId()));
        }
        if (query.from() != null) {
            conditions.add(INVOICE.CREATED_AT.ge(UtcTimestamps.toDb(query.from())));
        }
        if (query.to() != null) {
            conditions.add(INVOICE.CREATED_AT.lt(UtcTimestamps.toDb(query.to())));
        }
        if (query.text() != null && !query.text().isBlank()) {
            String text = query.text().strip();
            conditions.add(INVOICE.ID.eq(text).or(INVOICE.ORDER_ID.startsWith(text)));
        }
        return conditions;
    }

    private static Invoice toInvoice(InvoiceRecord row) {
        return new Invoice(
                row.getId(),
                row.getMerchantId(),
                InvoiceColumns.status(row.getStatus()),
                InvoiceColumns.additional(row.getAdditionalStatus()),
                row.getAmountMsat(),
                row.getCurrency(),
                row.getFiatAmount(),
                row.getRate(),
                row.getOrderId(),
                row.getMetadata(),
                InvoiceColumns.speedPolicy(row.getSpeedPolicy()),
                row.getToleranceBp(),
                row.getProcessingFeeBp(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                UtcTimestamps.fromDb(row.getExpiresAt()),
                UtcTimestamps.fromDb(row.getMonitoringUntil()),
                row.getPaidMsat(),
                row.getStatusReason(),
                row.getRevision(),
                UtcTimestamps.fromDb(row.getUpdatedAt()),
                Boolean.TRUE.equals(row.getNeedsAttention()) ? row.getAttentionReason() : null);
    }

    private static InvoicePayment toPayment(InvoicePaymentRecord row) {
        return new InvoicePayment(
                InvoiceColumns.method(row.getMethod()),
                row.getPaymentRef(),
                row.getDestination(),
                row.getAmountMsat(),
                row.getConfirmations(),
                row.getRbf(),
                InvoiceColumns.paymentStatus(row.getStatus()),
                UtcTimestamps.fromDb(row.getSeenAt()));
    }

    private static InvoiceEvent toEvent(InvoiceEventRecord row) {
        return new InvoiceEvent(
                row.getId(),
                row.getInvoiceId(),
                row.getRevision(),
                row.getEventType(),
                InvoiceColumns.status(row.getStatus()),
                InvoiceColumns.additional(row.getAdditionalStatus()),
                row.getPaymentRef(),
                row.getDetail(),
                UtcTimestamps.fromDb(row.getOccurredAt()));
    }
}
