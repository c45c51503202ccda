package com.flash.backoffice.db.notice;

import java.time.Instant;

/** A stored notice; {@code mailedAt} is null until the finance address has been mailed. */
public record FinanceNotice(
        long id,
        String noticeKey,
        NoticeKind kind,
        String invoiceId,
        String merchantId,
        long amountMsat,
        String message,
        Instant createdAt,
        Instant mailedAt) {}
