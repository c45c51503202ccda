package com.flash.backoffice.db.notice;

import java.time.Instant;
import java.util.Objects;

/** A notice to record; {@code noticeKey} makes recording idempotent. */
public record NewFinanceNotice(
        String noticeKey,
        NoticeKind kind,
        String invoiceId,
        String merchantId,
        long amountMsat,
        String message,
        Instant createdAt) {

    public NewFinanceNotice {
        Objects.requireNonNull(noticeKey, "noticeKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
        if (amountMsat < 0) {
            throw new IllegalArgumentException("amountMsat must not be negative");
        }
    }
}
