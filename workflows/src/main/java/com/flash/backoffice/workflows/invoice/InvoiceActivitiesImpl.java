package com.flash.backoffice.workflows.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStateUpdate;
import com.flash.backoffice.db.invoice.SaveStateResult;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.PostingResult;
import com.flash.backoffice.db.ledger.UnbalancedEntryException;
import com.flash.backoffice.db.ledger.UnknownAccountException;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.notice.FinanceNoticeRepository;
import com.flash.backoffice.db.notice.NewFinanceNotice;
import com.flash.backoffice.db.notice.NoticeKind;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import com.flash.backoffice.workflows.invoice.SettlementEntries.SuspenseRelease;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

@Component
public class InvoiceActivitiesImpl implements InvoiceActivities {

    /** The mapper Temporal itself uses for workflow arguments, so a stored state reads back exactly. */
    private static final ObjectMapper STATE_JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

    private static final int MAX_ATTENTION_REASON = 500;

    private final InvoiceRepository invoices;
    private final DSLContext ctx;
    private final InvoiceEventPublisher publisher;
    private final FinanceNoticeRepository notices;

    /** {@code ctx}: the ledger and the suspense receipts of a posting are written in one transaction on it. */
    public InvoiceActivitiesImpl(
            InvoiceRepository invoices,
            DSLContext ctx,
            InvoiceEventPublisher publisher,
            FinanceNoticeRepository notices) {
        this.invoices = invoices;
        this.ctx = ctx;
        this.publisher = publisher;
        this.notices = notices;
    }

    @Override
    public void saveState(InvoiceState state) {
        SaveStateResult result = invoices.saveState(toUpdate(state));
        if (result == SaveStateResult.NOT_FOUND) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "invoice " + state.invoiceId() + " is not stored", InvoiceFailure.INVOICE_NOT_FOUND.name());
        }
    }

    @Override
    public InvoiceState loadState(String invoiceId) {
        String json = invoices.findWorkflowState(invoiceId)
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "invoice " + invoiceId + " has no saved workflow state",
                        InvoiceFailure.INVOICE_NOT_FOUND.name()));
        try {
            return STATE_JSON.readValue(json, InvoiceState.class);
        } catch (JsonProcessingException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause(
                    "invoice " + invoiceId + ": stored workflow state is unreadable",
                    InvoiceFailure.INVOICE_NOT_FOUND.name(),
                    e);
        }
    }

    /**
     * Posts the entry and, in the same transaction, records the receipts it puts in suspense and resolves those it
     * takes out. What staff already allocated from a receipt it takes out is not moved again (see
     * {@link SettlementEntries#journalEntry(SettlementPosting, long)}). A posted source key writes nothing.
     */
    @Override
    public void postSettlement(SettlementPosting posting) {
        try {
            ctx.transaction(configuration -> post(configuration.dsl(), posting));
        } catch (UnbalancedEntryException | UnknownAccountException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause(
                    e.getMessage(), InvoiceFailure.LEDGER_REFUSED.name(), e);
        }
    }

    private static void post(DSLContext tx, SettlementPosting posting) {
        LedgerRepository ledger = new LedgerRepository(tx);
        SuspenseReceiptRepository suspense = new SuspenseReceiptRepository(tx);
        SettlementEntries.merchantAccounts(posting.merchantId()).forEach(ledger::createAccount);
        List<Resolution> resolutions = new ArrayList<>();
        long allocatedBefore = 0;
        for (SuspenseRelease release : SettlementEntries.releases(posting)) {
            long unmoved = release.amountMsat();
            for (SuspenseReceipt receipt : suspense.findByInvoice(posting.invoiceId())) {
                if (unmoved == 0) {
                    break;
                }
                if (receipt.kind() == release.kind()
                        && receipt.paymentMethod() == release.method()
                        && receipt.custodial() == release.custodial()
                        && receipt.openMsat() > 0) {
                    long moved = Math.min(unmoved, receipt.openMsat());
                    resolutions.add(new Resolution(receipt, moved));
                    unmoved -= moved;
                }
            }
            if (release.custodial()) {
                allocatedBefore = Math.addExact(allocatedBefore, unmoved);
            }
        }
        JournalEntry entry = SettlementEntries.journalEntry(posting, allocatedBefore);
        // no lines: only notes move (coins in the merchant's own wallet); their keys keep recording idempotent
        if (!entry.lines().isEmpty() && ledger.post(entry) == PostingResult.ALREADY_POSTED) {
            return;
        }
        for (Resolution resolution : resolutions) {
            if (!suspense.resolve(
                    resolution.receipt().id(), resolution.receipt().revision(), resolution.msat())) {
                throw new IllegalStateException(
                        "suspense receipt " + resolution.receipt().receiptKey() + " changed while posting "
                                + posting.sourceKey() + "; retrying");
            }
        }
        SettlementEntries.receipts(posting).forEach(suspense::record);
    }

    private record Resolution(SuspenseReceipt receipt, long msat) {}

    @Override
    public void publishEvents(List<InvoiceEvent> events) {
        events.forEach(publisher::publish);
    }

    @Override
    public void recordDoubleSpendNotice(DoubleSpendNotice notice) {
        String message = "Invoice " + notice.invoiceId() + " of merchant " + notice.merchantId()
                + ": its settlement was reversed because its payment was double-spent ("
                + String.join(", ", notice.droppedPaymentRefs()) + "). "
                + Msat.ofMsat(notice.reversedMsat()).toBtcString()
                + " BTC taken back from the merchant's balance; reversal entry " + notice.reversalSourceKey() + ".";
        notices.record(new NewFinanceNotice(
                notice.noticeKey(),
                NoticeKind.SETTLEMENT_DOUBLE_SPENT,
                notice.invoiceId(),
                notice.merchantId(),
                notice.reversedMsat(),
                message,
                notice.at()));
    }

    static InvoiceStateUpdate toUpdate(InvoiceState state) {
        List<InvoicePayment> payments = state.payments().stream()
                .map(p -> new InvoicePayment(
                        p.method(),
                        p.paymentRef(),
                        p.destination(),
                        p.amountMsat(),
                        p.confirmations(),
                        p.rbf(),
                        p.status(),
                        p.seenAt()))
                .toList();
        return new InvoiceStateUpdate(
                state.invoiceId(),
                state.revision(),
                state.status(),
                state.additionalStatus(),
                state.paidMsat(),
                state.statusReason(),
                payments,
                json(state),
                attentionReason(state));
    }

    private static String attentionReason(InvoiceState state) {
        String reason = state.attentionReason();
        return reason == null || reason.length() <= MAX_ATTENTION_REASON
                ? reason
                : reason.substring(0, MAX_ATTENTION_REASON - 1) + "…";
    }

    static String json(InvoiceState state) {
        try {
            return STATE_JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invoice " + state.invoiceId() + ": state not serialisable", e);
        }
    }
}
