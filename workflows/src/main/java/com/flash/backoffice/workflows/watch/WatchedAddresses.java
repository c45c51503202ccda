package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.WatchedAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The addresses of monitored invoices, in memory for a hash lookup per transaction output. Refreshed from
 * {@code invoice_address}: newly allocated ones on every call of {@link #refresh()} (with an overlap for
 * clock skew and late commits), a full reload (which also forgets closed invoices) every {@code fullReload}.
 */
final class WatchedAddresses {

    private static final Duration OVERLAP = Duration.ofMinutes(2);

    private final InvoiceAddressRepository repository;
    private final Clock clock;
    private final Duration fullReload;
    private volatile Map<String, WatchedAddress> byAddress = new ConcurrentHashMap<>();
    private Instant lastFullLoad;
    private Instant lastLoad;

    WatchedAddresses(InvoiceAddressRepository repository, Clock clock, Duration fullReload) {
        this.repository = repository;
        this.clock = clock;
        this.fullReload = fullReload;
    }

    void refresh() {
        Instant now = clock.instant();
        if (lastFullLoad == null || !now.isBefore(lastFullLoad.plus(fullReload))) {
            Map<String, WatchedAddress> loaded = new ConcurrentHashMap<>();
            repository.findWatched(now, Instant.EPOCH).forEach(a -> loaded.put(a.address(), a));
            byAddress = loaded;
            lastFullLoad = now;
        } else {
            repository.findWatched(now, lastLoad.minus(OVERLAP)).forEach(a -> byAddress.put(a.address(), a));
        }
        lastLoad = now;
    }

    /** Adds one at once (the allocating instance need not wait for the next refresh). */
    void add(WatchedAddress address) {
        byAddress.put(address.address(), address);
    }

    WatchedAddress get(String address) {
        return address == null ? null : byAddress.get(address);
    }

    int size() {
        return byAddress.size();
    }
}
