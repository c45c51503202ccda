package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceEvent;
import io.temporal.failure.ApplicationFailure;
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
    private final Map<String, DoubleSpendNotice> notices = new LinkedHashMap<>();
    private final AtomicInteger postingAttempts = new AtomicInteger();
    private final AtomicBoolean failNextPostingAfterWriting = new AtomicBoolean();
    private final AtomicBoolean refuseNextPosting = new AtomicBoolean();

    private volatile long saveDelayMillis;

    @Override
    public void saveState(InvoiceState state) {
        if (saveDelayMillis > 0) {
            try {
                Thread.sleep(saveDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            saved.add(state);
        }
    }

    /** Every later save takes this long, as a slow database would. */
    void slowSaves(long millis) {
        saveDelayMillis = millis;
    }

    @Override
    public synchronized InvoiceState loadState(String invoiceId) {
        return saved.reversed().stream()
                .filter(state -> state.invoiceId().equals(invoiceId))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public void postSettlement(SettlementPosting posting) {
        postingAttempts.incrementAndGet();
        if (refuseNextPosting.getAndSet(false)) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "refused for the test", InvoiceFailure.LEDGER_REFUSED.name());
        }
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

    @Override
    public synchronized void recordDoubleSpendNotice(DoubleSpendNotice notice) {
        notices.putIfAbsent(notice.noticeKey(), notice);
    }

    synchronized List<DoubleSpendNotice> notices() {
        return List.copyOf(notices.values());
    }

    /** The next posting fails as the ledger refuses one (an unknown account, an unbalanced entry). */
    void refuseNextPosting() {
        refuseNextPosting.set(true);
    }

    synchronized List<InvoiceState> saved() {
        return List.copyOf(saved);
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
