package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.db.chain.WatcherLeaseRepository;
import java.time.Clock;
import java.time.Duration;

/** One named lease held by this instance ({@code owner}); renewed on every poll. */
public final class WatcherLease {

    private final WatcherLeaseRepository leases;
    private final String name;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;

    public WatcherLease(WatcherLeaseRepository leases, String name, String owner, Duration ttl, Clock clock) {
        this.leases = leases;
        this.name = name;
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** True while this instance holds the lease (taken or renewed now). */
    public boolean acquire() {
        return leases.tryAcquire(name, owner, ttl, clock.instant());
    }

    public void release() {
        leases.release(name, owner);
    }

    public String name() {
        return name;
    }
}
