package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory activities for workflow tests: idempotent like the real ones, and able to fail once on purpose. */
final class RecordingInvoiceActivities implements InvoiceActivities {

    private final List<InvoiceState> saved = new ArrayList<>();
    private final Map<String, SettlementPosting> postings = new LinkedHashMap<>();
    private final Map<String, InvoiceEvent> events = new LinkedHashMap<>();
    private final AtomicInteger postingAttempts = new AtomicInteger();
    private final AtomicBoolean failNextPostingAfterWriting = new AtomicBoolean();

    @Override
    public synchronized void saveState(InvoiceState state) {
        saved.add(state);
    }

    @Override
    public void postSettlement(SettlementPosting posting) {
        postingAttempts.incrementAndGet();
        synchronized (this) {
            postings.putIfAbsent(posting.sourceKey(), posting);
        }
        if (failNextPostingAfterWriting.getAndSet(false)) {
            throw new IllegalStateException("simulated worker crash after the ledger write");
        }
    }

    @Override
    public synchronized void publishEvents(List<InvoiceEvent> published) {
        for (InvoiceEvent event : published) {
            events.putIfAbsent(event.revision() + "/" + event.eventType() + "/" + event.paymentRef(), event);
        }
    }

    void failNextPostingAfterWriting() {
        failNextPostingAfterWriting.set(true);
    }

    int postingAttempts() {
        return postingAttempts.get();
    }

    synchronized List<SettlementPosting> postings() {
        return List.copyOf(postings.values());
    }

    synchronized List<String> eventTypes() {
        return events.values().stream().map(InvoiceEvent::eventType).toList();
    }

    synchronized InvoiceState lastSaved() {
        return saved.getLast();
    }
}
