package com.flash.backoffice.db.chain;

import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.time.Instant;
import java.util.Objects;

/**
 * An address a chain watcher matches outputs against: the invoice it pays, the confirmations the invoice's
 * speed policy asks for, and when it was allocated (the watcher loads newer ones incrementally).
 */
public record WatchedAddress(String address, String invoiceId, SpeedPolicy speedPolicy, Instant createdAt) {

    public WatchedAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(speedPolicy, "speedPolicy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
