package com.flash.backoffice.db.settlement;

import java.time.Instant;

/** A merchant's settlement schedule as stored; {@code revision} guards concurrent edits by staff. */
public record SettlementSchedule(
        String merchantId,
        SettlementPlan plan,
        boolean paused,
        int revision,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt) {}
