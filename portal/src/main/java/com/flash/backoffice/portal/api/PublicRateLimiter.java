package com.flash.backoffice.portal.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) per public route group and client address: {@code flash.public.rate-limit.per-minute}
 * requests a minute with bursts of {@code burst}; and per group and store ({@link #tryTakeForStore}):
 * {@code per-store-per-minute} with bursts of {@code per-store-burst}. The state is per instance: behind a load
 * balancer with several instances each allows that much, so the limit there is per instance.
 */
@Component
public class PublicRateLimiter {

    /** Beyond this many tracked clients the table starts afresh (a flood of addresses must not exhaust memory). */
    static final int MAX_CLIENTS = 100_000;

    private final long perMinute;
    private final long burst;
    private final long perStorePerMinute;
    private final long perStoreBurst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    PublicRateLimiter(
            @Value("${flash.public.rate-limit.per-minute:60}") long perMinute,
            @Value("${flash.public.rate-limit.burst:20}") long burst,
            @Value("${flash.public.rate-limit.per-store-per-minute:600}") long perStorePerMinute,
            @Value("${flash.public.rate-limit.per-store-burst:100}") long perStoreBurst) {
        if (perMinute < 1 || burst < 1 || perStorePerMinute < 1 || perStoreBurst < 1) {
            throw new IllegalArgumentException(
                    "flash.public.rate-limit per-minute, burst, per-store-per-minute and per-store-burst must be at"
                            + " least 1");
        }
        this.perMinute = perMinute;
        this.burst = burst;
        this.perStorePerMinute = perStorePerMinute;
        this.perStoreBurst = perStoreBurst;
    }

    /** Takes one request of {@code client} on {@code group}; empty when allowed, else the seconds to wait. */
    public java.util.OptionalLong tryTake(String group, String client) {
        return take("client|" + group + "|" + client, perMinute, burst);
    }

    /** Takes one request for {@code storeId} on {@code group}, whoever sends it; as {@link #tryTake}. */
    public java.util.OptionalLong tryTakeForStore(String group, String storeId) {
        return take("store|" + group + "|" + storeId, perStorePerMinute, perStoreBurst);
    }

    private java.util.OptionalLong take(String key, long refillPerMinute, long capacity) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(
                key,
                ignored -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(capacity)
                                .refillGreedy(refillPerMinute, Duration.ofMinutes(1))
                                .build())
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(Math.max(
                        1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()));
    }
}
