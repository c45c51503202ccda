package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.db.chain.ChainCursor;
import com.flash.backoffice.db.chain.ChainPaymentQuery;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.PendingChainPayment;
import com.flash.backoffice.db.chain.WatchedAddress;
import com.flash.backoffice.db.chain.WatcherCursorRepository;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.workflows.bitcoin.BitcoinNode;
import com.flash.backoffice.workflows.bitcoin.ChainBlock;
import com.flash.backoffice.workflows.bitcoin.ChainOutput;
import com.flash.backoffice.workflows.bitcoin.ChainTransaction;
import com.flash.backoffice.workflows.bitcoin.TransactionNotFoundException;
import com.flash.backoffice.workflows.invoice.ConfirmationsChanged;
import com.flash.backoffice.workflows.invoice.InvoiceRules;
import com.flash.backoffice.workflows.invoice.PaymentDropped;
import com.flash.backoffice.workflows.invoice.PaymentObserved;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one Bitcoin node and signals invoice workflows about payments to their addresses. Each
 * {@link #pollOnce()}: renew the lease (only the holder works), process every new block after the persisted cursor
 * (match outputs, recount confirmations of followed payments, save the cursor after each block), detect reorgs by
 * hash and walk back to the fork point, then look at new mempool transactions.
 *
 * <p>Signals are sent before the cursor moves, so a crash repeats at most one block's signals; the workflow counts a
 * payment reference once. Not thread-safe: one thread polls.
 */
public final class ChainWatcher implements AutoCloseable {

    /** Payments are followed (for reorgs) until this deep, even when their invoice needs fewer confirmations. */
    static final int FOLLOW_DEPTH = 6;

    /** New mempool transactions read per poll (one getrawtransaction each); the rest wait for the next polls. */
    static final int MAX_MEMPOOL_LOOKUPS_PER_POLL = 2_000;

    private static final Logger log = LoggerFactory.getLogger(ChainWatcher.class);

    private final String nodeId;
    private final BitcoinNode node;
    private final WatchedAddresses watched;
    private final ChainPaymentQuery payments;
    private final WatcherCursorRepository cursors;
    private final WatcherLease lease;
    private final PaymentSignals signals;
    private final Clock clock;
    private final int maxBlocksPerPoll;

    private final Map<String, TrackedPayment> tracked = new HashMap<>();
    private final Set<String> mempoolSeen = new HashSet<>();
    private ChainCursor cursor;
    private boolean initialised;
    private PollCounts counts;

    public ChainWatcher(
            String nodeId,
            BitcoinNode node,
            InvoiceAddressRepository addresses,
            ChainPaymentQuery payments,
            WatcherCursorRepository cursors,
            WatcherLease lease,
            PaymentSignals signals,
            Clock clock,
            int maxBlocksPerPoll) {
        this.nodeId = nodeId;
        this.node = node;
        this.watched = new WatchedAddresses(addresses, clock, Duration.ofMinutes(10));
        this.payments = payments;
        this.cursors = cursors;
        this.lease = lease;
        this.signals = signals;
        this.clock = clock;
        this.maxBlocksPerPoll = maxBlocksPerPoll;
    }

    public ChainPollResult pollOnce() {
        if (!lease.acquire()) {
            if (initialised) {
                log.info("chain watcher {}: lease {} is held by another instance; standing by", nodeId, lease.name());
                reset();
            }
            return ChainPollResult.notLeader();
        }
        counts = new PollCounts();
        if (!initialised) {
            initialise();
        }
        watched.refresh();
        syncBlocks();
        scanMempool();
        return new ChainPollResult(
                true, counts.blocks, counts.reorgs, counts.paymentsSeen, counts.signals, cursor.height());
    }

    /** Watches an address allocated in this instance at once, before the next refresh. */
    public void watch(WatchedAddress address) {
        watched.add(address);
    }

    /** Gives the lease up so another instance can take over without waiting for it to expire. */
    @Override
    public void close() {
        if (initialised) {
            lease.release();
            reset();
        }
    }

    private void reset() {
        initialised = false;
        tracked.clear();
        mempoolSeen.clear();
        cursor = null;
    }

    private void initialise() {
        cursor = cursors.chainCursor(nodeId).orElseGet(() -> {
            long tip = node.blockCount();
            ChainCursor start = new ChainCursor(nodeId, tip, node.blockHash(tip));
            cursors.saveChainCursor(start);
            log.info("chain watcher {}: no cursor, starting at the tip {} ({})", nodeId, tip, start.blockHash());
            return start;
        });
        for (PendingChainPayment pending : payments.following(clock.instant(), FOLLOW_DEPTH)) {
            resume(pending);
        }
        initialised = true;
        log.info(
                "chain watcher {}: resuming after block {} ({}), following {} payments",
                nodeId,
                cursor.height(),
                cursor.blockHash(),
                tracked.size());
    }

    /** A payment stored by its workflow: find where it is now, so confirmations continue from there. */
    private void resume(PendingChainPayment pending) {
        String txid = txid(pending.paymentRef());
        ChainTransaction tx;
        try {
            tx = node.transaction(txid);
        } catch (TransactionNotFoundException e) {
            // without a transaction index the node cannot find confirmed transactions: do not guess a drop
            log.warn("chain watcher {}: payment {} not found on the node; not followed", nodeId, pending.paymentRef());
            return;
        }
        int cap = cap(pending.speedPolicy(), pending.rbf());
        TrackedPayment payment = new TrackedPayment(
                pending.paymentRef(),
                txid,
                pending.invoiceId(),
                pending.address(),
                pending.amountMsat(),
                pending.rbf(),
                cap,
                null,
                null,
                pending.confirmations());
        if (tx.inMempool()) {
            mempoolSeen.add(txid);
            tracked.put(payment.paymentRef(), payment);
            return;
        }
        long height = node.block(tx.blockHash()).height();
        if (height <= cursor.height()) {
            tracked.put(payment.paymentRef(), payment.minedIn(height, tx.blockHash()));
        } // else: mined in a block after the cursor, which the next sync processes
    }

    private void syncBlocks() {
        int processed = 0;
        while (processed < maxBlocksPerPoll) {
            long tip = node.blockCount();
            if (tip < cursor.height() || !node.blockHash(cursor.height()).equals(cursor.blockHash())) {
                rewindToForkPoint();
                continue;
            }
            if (tip == cursor.height()) {
                return;
            }
            ChainBlock block = node.block(node.blockHash(cursor.height() + 1));
            if (!cursor.blockHash().equals(block.previousHash())) {
                rewindToForkPoint(); // the chain changed between the two calls
                continue;
            }
            process(block);
            processed++;
        }
    }

    private void process(ChainBlock block) {
        for (ChainTransaction tx : block.transactions()) {
            for (OutputMatch match : watched.matches(tx)) {
                mined(block, tx, match.output(), match.address());
            }
            mempoolSeen.remove(tx.txid());
        }
        recount(block.height());
        cursor = new ChainCursor(nodeId, block.height(), block.hash());
        cursors.saveChainCursor(cursor);
        counts.blocks++;
    }

    private void mined(ChainBlock block, ChainTransaction tx, ChainOutput output, WatchedAddress address) {
        TrackedPayment payment = tracked.getOrDefault(output.paymentRef(), newPayment(tx, output, address))
                .minedIn(block.height(), block.hash());
        int confirmations = payment.confirmationsAt(block.height());
        signals.paymentSeen(
                payment.invoiceId(),
                PaymentObserved.onChain(
                        payment.paymentRef(), payment.address(), payment.amountMsat(), confirmations, payment.rbf()));
        tracked.put(payment.paymentRef(), payment.withSignalled(confirmations));
        counts.paymentsSeen++;
        counts.signals++;
    }

    /** Signals changed confirmation counts; forgets payments that are final and deep enough. */
    private void recount(long tip) {
        List<String> done = new ArrayList<>();
        for (TrackedPayment payment : List.copyOf(tracked.values())) {
            if (!payment.confirmed()) {
                continue;
            }
            int confirmations = payment.confirmationsAt(tip);
            if (confirmations != payment.signalled()) {
                signals.confirmations(
                        payment.invoiceId(), new ConfirmationsChanged(payment.paymentRef(), confirmations));
                tracked.put(payment.paymentRef(), payment.withSignalled(confirmations));
                counts.signals++;
            }
            if (tip - payment.height() + 1 >= Math.max(payment.cap(), FOLLOW_DEPTH)) {
                done.add(payment.paymentRef());
            }
        }
        done.forEach(tracked::remove);
    }

    /**
     * The cursor's block is no longer on the best chain: walk back through the stale blocks to the fork point,
     * take back the confirmations of payments mined in them (0 if the transaction is in the mempool again; dropped
     * if the node no longer has it), and move the cursor to the fork point so the new branch is processed next.
     */
    private void rewindToForkPoint() {
        long tip = node.blockCount();
        long height = cursor.height();
        String hash = cursor.blockHash();
        Set<String> stale = new HashSet<>();
        while (height > tip || !node.blockHash(height).equals(hash)) {
            stale.add(hash);
            hash = node.previousBlockHash(hash);
            height--;
        }
        log.warn(
                "chain watcher {}: reorg, {} block(s) after height {} left the best chain",
                nodeId,
                stale.size(),
                height);
        for (TrackedPayment payment : List.copyOf(tracked.values())) {
            if (payment.confirmed() && (stale.contains(payment.blockHash()) || payment.height() > height)) {
                unconfirm(payment);
            }
        }
        cursor = new ChainCursor(nodeId, height, hash);
        cursors.saveChainCursor(cursor);
        counts.reorgs++;
    }

    private void unconfirm(TrackedPayment payment) {
        TrackedPayment unconfirmed = payment.unconfirmed();
        try {
            ChainTransaction tx = node.transaction(payment.txid());
            if (tx.inMempool()) {
                signals.confirmations(payment.invoiceId(), new ConfirmationsChanged(payment.paymentRef(), 0));
                tracked.put(payment.paymentRef(), unconfirmed.withSignalled(0));
                mempoolSeen.add(payment.txid());
                counts.signals++;
            } else {
                tracked.put(payment.paymentRef(), unconfirmed); // in the new branch: processing it signals again
            }
        } catch (TransactionNotFoundException e) {
            drop(payment, "reorg: the transaction is in no block of the best chain and not in the mempool");
        }
    }

    private void scanMempool() {
        List<String> ids = node.mempoolTransactionIds();
        Set<String> current = new HashSet<>(ids);
        int lookups = 0;
        for (String txid : ids) {
            if (mempoolSeen.contains(txid)) {
                continue;
            }
            if (lookups++ == MAX_MEMPOOL_LOOKUPS_PER_POLL) {
                break; // a full mempool after a start is read over several polls, keeping each poll short
            }
            mempoolSeen.add(txid);
            matchMempool(txid);
        }
        mempoolSeen.retainAll(current);
        for (TrackedPayment payment : List.copyOf(tracked.values())) {
            if (!payment.confirmed() && !current.contains(payment.txid())) {
                checkLeftMempool(payment);
            }
        }
    }

    private void matchMempool(String txid) {
        ChainTransaction tx;
        try {
            tx = node.transaction(txid);
        } catch (TransactionNotFoundException e) {
            return; // mined or replaced since the list was taken
        }
        if (!tx.inMempool()) {
            return; // mined meanwhile: its block is processed on the next poll
        }
        for (OutputMatch match : watched.matches(tx)) {
            TrackedPayment payment =
                    tracked.getOrDefault(match.output().paymentRef(), newPayment(tx, match.output(), match.address()));
            signals.paymentSeen(
                    payment.invoiceId(),
                    PaymentObserved.onChain(
                            payment.paymentRef(), payment.address(), payment.amountMsat(), 0, tx.rbf()));
            tracked.put(payment.paymentRef(), payment.unconfirmed().withSignalled(0));
            counts.paymentsSeen++;
            counts.signals++;
        }
    }

    /** An unconfirmed payment left the mempool: mined (its block comes), or replaced or evicted (dropped). */
    private void checkLeftMempool(TrackedPayment payment) {
        try {
            node.transaction(payment.txid());
        } catch (TransactionNotFoundException e) {
            drop(payment, "the transaction left the mempool without being mined (replaced or evicted)");
        }
    }

    private void drop(TrackedPayment payment, String reason) {
        signals.paymentDropped(payment.invoiceId(), new PaymentDropped(payment.paymentRef(), reason));
        tracked.remove(payment.paymentRef());
        mempoolSeen.remove(payment.txid());
        counts.signals++;
        log.warn(
                "chain watcher {}: payment {} of invoice {} dropped: {}",
                nodeId,
                payment.paymentRef(),
                payment.invoiceId(),
                reason);
    }

    private static TrackedPayment newPayment(ChainTransaction tx, ChainOutput output, WatchedAddress address) {
        return new TrackedPayment(
                output.paymentRef(),
                tx.txid(),
                address.invoiceId(),
                address.address(),
                output.amountMsat(),
                tx.rbf(),
                cap(address.speedPolicy(), tx.rbf()),
                null,
                null,
                -1);
    }

    /** Confirmations are signalled up to what the invoice needs, and at least 1 once mined. */
    private static int cap(SpeedPolicy policy, boolean rbf) {
        return Math.max(1, InvoiceRules.requiredConfirmations(PaymentMethod.BTC_CHAIN, rbf, policy));
    }

    private static String txid(String paymentRef) {
        int colon = paymentRef.indexOf(':');
        return colon < 0 ? paymentRef : paymentRef.substring(0, colon);
    }

    private static final class PollCounts {
        int blocks;
        int reorgs;
        int paymentsSeen;
        int signals;
    }
}
