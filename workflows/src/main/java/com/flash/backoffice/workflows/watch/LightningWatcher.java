package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.TopUpCredit;
import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.chain.WatcherCursorRepository;
import com.flash.backoffice.workflows.invoice.PaymentObserved;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.LightningSubscription;
import com.flash.backoffice.workflows.lightning.SettledInvoice;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one Lightning node's settled invoices from a persisted settle-index cursor and signals the invoice
 * workflow of each one that belongs to a Flash invoice (a Lightning payment is final at once), or credits the card
 * whose top-up it is. The node's
 * subscription delivers into a queue; {@link #pollOnce()} renews the lease, (re)subscribes when needed, and
 * drains the queue in settle-index order, saving the cursor after each invoice.
 *
 * <p>With no cursor yet it also looks up the Lightning invoices of every monitored Flash invoice when it subscribes,
 * since LND replays nothing for a settle index of 0. Not thread-safe: one thread polls.
 */
public final class LightningWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LightningWatcher.class);

    private final String nodeId;
    private final LightningNode node;
    private final InvoiceLightningRepository invoices;
    private final CardTopUps topUps;
    private final WatcherCursorRepository cursors;
    private final WatcherLease lease;
    private final PaymentSignals signals;
    private final Clock clock;
    private final LinkedBlockingQueue<SettledInvoice> settled = new LinkedBlockingQueue<>();
    private LightningSubscription subscription;
    private long settleIndex;

    public LightningWatcher(
            String nodeId,
            LightningNode node,
            InvoiceLightningRepository invoices,
            CardTopUps topUps,
            WatcherCursorRepository cursors,
            WatcherLease lease,
            PaymentSignals signals,
            Clock clock) {
        this.nodeId = nodeId;
        this.node = node;
        this.invoices = invoices;
        this.topUps = topUps;
        this.cursors = cursors;
        this.lease = lease;
        this.signals = signals;
        this.clock = clock;
    }

    /** Returns how many settled Flash invoices were signalled; -1 when another instance holds the lease. */
    public int pollOnce() {
        if (!lease.acquire()) {
            stopSubscription();
            return -1;
        }
        int signalled = 0;
        if (subscription == null || !subscription.isActive()) {
            stopSubscription();
            settleIndex = cursors.settleIndex(nodeId).orElse(0L);
            subscription = node.subscribeSettledInvoices(settleIndex, settled::add);
            if (settleIndex == 0) {
                signalled += reconcileMonitored(); // LND replays nothing for settle index 0
            }
            log.info("lightning watcher {}: subscribed after settle index {}", nodeId, settleIndex);
        }
        List<SettledInvoice> batch = new ArrayList<>();
        settled.drainTo(batch);
        batch.sort(Comparator.comparingLong(SettledInvoice::settleIndex));
        for (SettledInvoice invoice : batch) {
            if (invoice.settleIndex() > 0 && invoice.settleIndex() <= settleIndex) {
                continue; // delivered twice (replay and live); already handled
            }
            if (signal(invoice)) {
                signalled++;
            }
            if (invoice.settleIndex() > settleIndex) {
                settleIndex = invoice.settleIndex();
                cursors.saveSettleIndex(nodeId, settleIndex);
            }
        }
        return signalled;
    }

    @Override
    public void close() {
        stopSubscription();
        lease.release();
    }

    private int reconcileMonitored() {
        int signalled = 0;
        for (InvoiceLightning invoice : invoices.findMonitored(nodeId, clock.instant())) {
            Optional<SettledInvoice> paid = node.lookup(invoice.paymentHash());
            if (paid.isPresent() && signal(paid.get())) {
                signalled++;
            }
        }
        for (String paymentHash : topUps.openPaymentHashes(nodeId, clock.instant())) {
            Optional<SettledInvoice> paid = node.lookup(paymentHash);
            if (paid.isPresent() && signal(paid.get())) {
                signalled++;
            }
        }
        return signalled;
    }

    private boolean signal(SettledInvoice invoice) {
        Optional<InvoiceLightning> flash = invoices.findByPaymentHash(invoice.paymentHash());
        if (flash.isEmpty()) {
            return creditTopUp(invoice);
        }
        signals.paymentSeen(
                flash.get().invoiceId(), PaymentObserved.lightning(invoice.paymentHash(), invoice.amountPaidMsat()));
        return true;
    }

    /** False for an invoice of the node that is neither a Flash invoice's nor a card top-up's. */
    private boolean creditTopUp(SettledInvoice invoice) {
        Optional<TopUpCredit> credit =
                topUps.creditSettled(invoice.paymentHash(), invoice.amountPaidMsat(), invoice.settledAt());
        credit.filter(c -> !c.again())
                .ifPresent(c -> log.info(
                        "lightning watcher {}: top-up {} of {} msat {}",
                        nodeId,
                        c.topUpId(),
                        c.amountMsat(),
                        c.cardId() == null ? "went to suspense" : "credited"));
        return credit.isPresent();
    }

    private void stopSubscription() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
            settled.clear();
        }
    }
}
