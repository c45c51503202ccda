package com.flash.backoffice.reports.export;

import com.flash.backoffice.db.money.Msat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Text forms shared by the templates (called from JRXML expressions) and the CSV writer. */
public final class Formats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private Formats() {}

    /** Exact BTC from msat, e.g. "0.00012345" or "0.00000000001"; empty for null. */
    public static String btc(Long msat) {
        return msat == null ? "" : Msat.ofMsat(msat).toBtcString();
    }

    /** A fiat amount with at least 2 decimals and no other trailing zeros; empty for null. */
    public static String fiat(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale()), RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    /** A UTC wall-clock value from the database as ISO-8601 with microseconds and a Z; empty for null. */
    public static String timestamp(LocalDateTime utc) {
        return utc == null ? "" : UTC.format(utc.atOffset(ZoneOffset.UTC));
    }

    /** Shorter, for narrow PDF columns: ISO-8601 with the fraction only when there is one, e.g. "...T00:00:00Z". */
    public static String instant(LocalDateTime utc) {
        return utc == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(utc) + "Z";
    }

    /**
     * Long text cut in the middle for narrow PDF columns (a BOLT11 or a transaction id): its start, "…" and its end,
     * {@code max} characters in all; empty for null. CSV and XLSX keep the whole text.
     */
    public static String abbreviated(String text, int max) {
        if (text == null) {
            return "";
        }
        if (max < 3) {
            throw new IllegalArgumentException("too short to abbreviate: " + max);
        }
        if (text.length() <= max) {
            return text;
        }
        int tail = (max - 1) / 3;
        int head = max - 1 - tail;
        return text.substring(0, head) + "…" + text.substring(text.length() - tail);
    }

    /** A UTC wall-clock value as the driver gives it: a LocalDateTime, or a Timestamp from plain SQL. */
    static LocalDateTime utcWallClock(Object value) {
        return value instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) value;
    }

    static String text(Object value, ColumnFormat format) {
        if (value == null) {
            return "";
        }
        return switch (format) {
            case TEXT -> value.toString();
            case BTC_FROM_MSAT -> btc(((Number) value).longValue());
            case DECIMAL -> fiat(value instanceof BigDecimal d ? d : new BigDecimal(value.toString()));
            case TIMESTAMP -> timestamp(utcWallClock(value));
        };
    }
}
