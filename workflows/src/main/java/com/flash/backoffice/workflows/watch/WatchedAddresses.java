package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.WatchedAddress;
import com.flash.backoffice.workflows.bitcoin.ChainOutput;
import com.flash.backoffice.workflows.bitcoin.ChainTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every invoice address, in memory for a hash lookup per transaction output: also those of closed invoices, whose
 * late payments become suspense receipts. Refreshed from {@code invoice_address}: newly allocated ones on every
 * call of {@link #refresh()} (with an overlap for clock skew and late commits), a full reload (which catches a
 * commit later than the overlap) every {@code fullReload}.
 * Public for the block-matching benchmark, which times {@link #matches} as {@link ChainWatcher} calls it.
 */
public final class WatchedAddresses {

    private static final Duration OVERLAP = Duration.ofMinutes(2);

    private final InvoiceAddressRepository repository;
    private final Clock clock;
    private final Duration fullReload;
    private volatile Map<String, WatchedAddress> byAddress = new ConcurrentHashMap<>();
    private Instant lastFullLoad;
    private Instant lastLoad;

    public WatchedAddresses(InvoiceAddressRepository repository, Clock clock, Duration fullReload) {
        this.repository = repository;
        this.clock = clock;
        this.fullReload = fullReload;
    }

    public void refresh() {
        Instant now = clock.instant();
        if (lastFullLoad == null || !now.isBefore(lastFullLoad.plus(fullReload))) {
            Map<String, WatchedAddress> loaded = new ConcurrentHashMap<>();
            repository.findAllocatedSince(Instant.EPOCH).forEach(a -> loaded.put(a.address(), a));
            byAddress = loaded;
            lastFullLoad = now;
        } else {
            repository.findAllocatedSince(lastLoad.minus(OVERLAP)).forEach(a -> byAddress.put(a.address(), a));
        }
        lastLoad = now;
    }

    /** Adds one at once (the allocating instance need not wait for the next refresh). */
    void add(WatchedAddress address) {
        byAddress.put(address.address(), address);
    }

    /** The outputs of {@code tx} with a positive amount paying a watched address: a hash lookup per output. */
    public List<OutputMatch> matches(ChainTransaction tx) {
        List<OutputMatch> matches = null;
        for (ChainOutput output : tx.outputs()) {
            WatchedAddress address = output.address() == null ? null : byAddress.get(output.address());
            if (address != null && output.amountSat() > 0) {
                if (matches == null) {
                    matches = new ArrayList<>(1);
                }
                matches.add(new OutputMatch(output, address));
            }
        }
        return matches == null ? List.of() : matches;
    }

    public int size() {
        return byAddress.size();
    }
}
