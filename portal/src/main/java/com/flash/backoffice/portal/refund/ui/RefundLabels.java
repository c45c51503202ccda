package com.flash.backoffice.portal.refund.ui;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the refund pages word states, amounts and times. */
final class RefundLabels {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private RefundLabels() {}

    static String state(RefundState state) {
        return switch (state) {
            case AWAITING_APPROVAL -> "Awaiting approval";
            case AWAITING_CLAIM -> "Awaiting claim";
            case IN_PROGRESS -> "Being paid";
            case COMPLETED -> "Paid";
            case CANCELLED -> "Cancelled";
            case EXPIRED -> "Expired (unclaimed)";
        };
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String btc(long msat) {
        return Msat.ofMsat(msat).toBtcString();
    }

    static String fiat(Refund refund) {
        if (refund.fiatAmount() == null) {
            return "";
        }
        // Stored with the rate's precision; people read fiat in cents.
        return refund.fiatAmount().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() + " "
                + refund.fiatCurrency();
    }
}
