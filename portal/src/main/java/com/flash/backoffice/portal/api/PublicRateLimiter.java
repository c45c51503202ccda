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
 * requests a minute with bursts of {@code burst}. The state is per instance: behind a load balancer with several
 * instances each allows that much, so the limit there is per instance.
 */
@Component
public class PublicRateLimiter {

    /** Beyond this many tracked clients the table starts afresh (a flood of addresses must not exhaust memory). */
    static final int MAX_CLIENTS = 100_000;

    private final long perMinute;
    private final long burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    PublicRateLimiter(
            @Value("${flash.public.rate-limit.per-minute:60}") long perMinute,
            @Value("${flash.public.rate-limit.burst:20}") long burst) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("flash.public.rate-limit per-minute and burst must be at least 1");
        }
        this.perMinute = perMinute;
        this.burst = burst;
    }

    /** Takes one request of {@code client} on {@code group}; empty when allowed, else the seconds to wait. */
    public java.util.OptionalLong tryTake(String group, String client) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(
                group + "|" + client,
                key -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(burst)
                                .refillGreedy(perMinute, Duration.ofMinutes(1))
                                .build())
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(Math.max(
                        1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()));
    }
}
