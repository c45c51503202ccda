package com.flash.backoffice.db.chain;

import static com.flash.backoffice.db.jooq.Tables.WATCHER_LEASE;

import com.flash.backoffice.db.jooq.tables.records.WatcherLeaseRecord;
import com.flash.backoffice.db.support.SqlErrors;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Leases that make one watcher instance active per name: the holder renews before {@code expires_at}; any other
 * instance gets the lease only once it has expired.
 */
@Repository
public class WatcherLeaseRepository {

    private final DSLContext ctx;

    public WatcherLeaseRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Takes or renews the lease until {@code now + ttl}; false while another owner holds an unexpired lease. */
    public boolean tryAcquire(String name, String owner, Duration ttl, Instant now) {
        var expiresAt = UtcTimestamps.toDb(now.plus(ttl));
        try {
            return ctx.transactionResult(configuration -> {
                DSLContext tx = configuration.dsl();
                WatcherLeaseRecord lease = tx.selectFrom(WATCHER_LEASE)
                        .where(WATCHER_LEASE.NAME.eq(name))
                        .forUpdate()
                        .fetchOne();
                if (lease == null) {
                    tx.insertInto(WATCHER_LEASE)
                            .set(WATCHER_LEASE.NAME, name)
                            .set(WATCHER_LEASE.OWNER, owner)
                            .set(WATCHER_LEASE.EXPIRES_AT, expiresAt)
                            .execute();
                    return true;
                }
                boolean mine = lease.getOwner().equals(owner);
                boolean expired = !UtcTimestamps.fromDb(lease.getExpiresAt()).isAfter(now);
                if (!mine && !expired) {
                    return false;
                }
                tx.update(WATCHER_LEASE)
                        .set(WATCHER_LEASE.OWNER, owner)
                        .set(WATCHER_LEASE.EXPIRES_AT, expiresAt)
                        .where(WATCHER_LEASE.NAME.eq(name))
                        .execute();
                return true;
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return false; // another instance inserted the lease at the same moment
            }
            throw e;
        }
    }

    /** Gives the lease up at once if {@code owner} holds it, so another instance need not wait for expiry. */
    public void release(String name, String owner) {
        ctx.deleteFrom(WATCHER_LEASE)
                .where(WATCHER_LEASE.NAME.eq(name))
                .and(WATCHER_LEASE.OWNER.eq(owner))
                .execute();
    }
}
