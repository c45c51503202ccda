package com.flash.backoffice.reports.export;

import com.flash.backoffice.db.money.Msat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals per currency, summed while the rows stream past (so no second query and no list of rows): BTC in exact
 * millisatoshis, fiat currencies as decimals. Each currency keeps its named amounts in the order first added.
 * Templates print {@link #text()} in their summary band, which is filled after the last row.
 */
public final class ReportTotals {

    public static final String BTC = "BTC";

    private final Map<String, Long> msat = new LinkedHashMap<>();
    private final Map<String, Map<String, BigDecimal>> fiat = new TreeMap<>();

    /** Adds to a BTC amount; null adds nothing but still lists the label. Overflow throws. */
    public void addMsat(String label, Long amount) {
        msat.merge(label, amount == null ? 0L : amount, Math::addExact);
    }

    /** Adds to a fiat amount of {@code currency}; a null currency or amount adds nothing. */
    public void addFiat(String currency, String label, BigDecimal amount) {
        if (currency == null || amount == null) {
            return;
        }
        fiat.computeIfAbsent(currency, c -> new LinkedHashMap<>()).merge(label, amount, BigDecimal::add);
    }

    public long msat(String label) {
        return msat.getOrDefault(label, 0L);
    }

    public BigDecimal fiat(String currency, String label) {
        return fiat.getOrDefault(currency, Map.of()).getOrDefault(label, BigDecimal.ZERO);
    }

    /** One total of one currency: {@code amount} exact (BTC from msat), {@code text} as the reports print it. */
    public record Line(String currency, String label, BigDecimal amount, String text) {}

    /** One line per currency and label, BTC first. */
    public List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        msat.forEach((label, value) -> lines.add(new Line(
                BTC, label, BigDecimal.valueOf(value, 11), Msat.ofMsat(value).toBtcString())));
        fiat.forEach((currency, amounts) ->
                amounts.forEach((label, value) -> lines.add(new Line(currency, label, value, Formats.fiat(value)))));
        return lines;
    }

    /** One row per currency and label: {currency, label, amount as text}, BTC first. */
    public List<String[]> rows() {
        return lines().stream()
                .map(line -> new String[] {line.currency(), line.label(), line.text()})
                .toList();
    }

    /** One line per currency, e.g. "BTC: Debits 0.00010000 | Credits 0.00010000". */
    public String text() {
        StringBuilder text = new StringBuilder();
        String current = null;
        for (String[] row : rows()) {
            if (!row[0].equals(current)) {
                if (current != null) {
                    text.append('\n');
                }
                text.append(row[0]).append(": ");
                current = row[0];
            } else {
                text.append(" | ");
            }
            text.append(row[1]).append(' ').append(row[2]);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
