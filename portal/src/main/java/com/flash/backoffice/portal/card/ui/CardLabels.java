package com.flash.backoffice.portal.card.ui;

import com.flash.backoffice.db.card.CardReason;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.money.Msat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How card pages spell states, reasons, amounts and times. */
final class CardLabels {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private CardLabels() {}

    static String state(CardState state) {
        return switch (state) {
            case ISSUED -> "Issued (not programmed)";
            case ACTIVATION_PENDING -> "Awaiting activation";
            case ACTIVE -> "Active";
            case FROZEN -> "Frozen";
            case LOST -> "Lost";
            case RETIRED -> "Retired";
        };
    }

    static String reason(CardReason reason) {
        String words = reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String sat(long msat) {
        return String.format(Locale.ROOT, "%,d sat", msat / 1_000);
    }

    static String btc(long msat) {
        return Msat.ofMsat(msat).toBtcString();
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
