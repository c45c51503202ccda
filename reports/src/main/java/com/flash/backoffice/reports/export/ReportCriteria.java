package com.flash.backoffice.reports.export;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report is asked for: a period {@code [from, to)} in UTC (from inclusive, to exclusive), and a merchant
 * where the report has a merchant filter. Balances "at" a date use {@code to} alone: everything booked before it.
 */
public record ReportCriteria(Instant from, Instant to, String merchantId) {

    public ReportCriteria {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the period must end after it starts: [" + from + ", " + to + ")");
        }
    }

    public static ReportCriteria period(Instant from, Instant to) {
        return new ReportCriteria(from, to, null);
    }

    /** Balances including everything booked before {@code to}. */
    public static ReportCriteria asOf(Instant to) {
        return new ReportCriteria(null, to, null);
    }

    public ReportCriteria forMerchant(String id) {
        return new ReportCriteria(from, to, id);
    }

    /** One line for the report header, e.g. "Period: 2025-01-01T00:00:00Z (inclusive) to ... (exclusive)". */
    public String describe(List<ReportParameter> declared) {
        List<String> parts = new ArrayList<>();
        if (declared.contains(ReportParameter.FROM)) {
            parts.add("From " + format(from) + " (inclusive)");
            parts.add("to " + format(to) + " (exclusive)");
        } else if (declared.contains(ReportParameter.TO)) {
            parts.add("Balances at " + format(to) + " (entries booked before this instant)");
        }
        if (merchantId != null) {
            parts.add("merchant " + merchantId);
        }
        return String.join(", ", parts) + "; times in UTC";
    }

    static String format(Instant instant) {
        return instant == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
