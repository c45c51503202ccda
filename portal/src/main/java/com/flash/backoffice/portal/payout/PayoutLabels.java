package com.flash.backoffice.portal.payout;

import com.flash.backoffice.db.payout.PayoutState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How payouts read on screen (the payouts pages, the merchant page): BTCPay's state names, UTC times, long destinations shortened. */
public final class PayoutLabels {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private PayoutLabels() {}

    public static String state(PayoutState state) {
        return switch (state) {
            case AWAITING_APPROVAL -> "Awaiting approval";
            case AWAITING_PAYMENT -> "Awaiting payment";
            case IN_PROGRESS -> "In progress";
            case COMPLETED -> "Completed";
            case CANCELLED -> "Cancelled";
            case FAILED -> "Failed";
        };
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String abbreviated(String destination) {
        return destination.length() <= 48
                ? destination
                : destination.substring(0, 24) + "…" + destination.substring(destination.length() - 16);
    }
}
