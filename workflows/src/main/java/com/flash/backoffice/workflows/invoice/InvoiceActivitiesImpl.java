package com.flash.backoffice.workflows.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStateUpdate;
import com.flash.backoffice.db.invoice.SaveStateResult;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.UnbalancedEntryException;
import com.flash.backoffice.db.ledger.UnknownAccountException;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.notice.FinanceNoticeRepository;
import com.flash.backoffice.db.notice.NewFinanceNotice;
import com.flash.backoffice.db.notice.NoticeKind;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
public class InvoiceActivitiesImpl implements InvoiceActivities {

    /** The mapper Temporal itself uses for workflow arguments, so a stored state reads back exactly. */
    private static final ObjectMapper STATE_JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

    private final InvoiceRepository invoices;
    private final LedgerRepository ledger;
    private final InvoiceEventPublisher publisher;
    private final FinanceNoticeRepository notices;

    public InvoiceActivitiesImpl(
            InvoiceRepository invoices,
            LedgerRepository ledger,
            InvoiceEventPublisher publisher,
            FinanceNoticeRepository notices) {
        this.invoices = invoices;
        this.ledger = ledger;
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

    @Override
    public void postSettlement(SettlementPosting posting) {
        ledger.createAccount(ChartOfAccounts.merchantBalance(posting.merchantId()));
        try {
            ledger.post(SettlementEntries.journalEntry(posting));
        } catch (UnbalancedEntryException | UnknownAccountException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause(
                    e.getMessage(), InvoiceFailure.LEDGER_REFUSED.name(), e);
        }
    }

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
                json(state));
    }

    static String json(InvoiceState state) {
        try {
            return STATE_JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invoice " + state.invoiceId() + ": state not serialisable", e);
        }
    }
}
