package com.flash.backoffice.db.card;

import java.time.Instant;

/**
 * A Flash card as stored: the ID derived from its UID once programmed ({@code cardKeyId}), its key version and last
 * accepted counter, its state and limits, whether it has a PIN. Never its UID, never a key, never its PIN's hash.
 */
public record Card(
        String id,
        String programmeId,
        String batchId,
        String cardKeyId,
        int version,
        int counter,
        CardState state,
        long perTapLimitMsat,
        long dailyLimitMsat,
        Long pinLimitMsat,
        int pinFailures,
        boolean hasPin,
        String replacedBy,
        int revision,
        Instant createdAt,
        Instant updatedAt,
        Instant activatedAt) {}
