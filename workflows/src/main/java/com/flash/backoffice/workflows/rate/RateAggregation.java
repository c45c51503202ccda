package com.flash.backoffice.workflows.rate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the quotes of one currency's sources (primary first, then fallbacks) into one rate. A quote that is not a
 * sane price, or (with three quotes or more) lies more than the allowed deviation from their median, is rejected and
 * counts as its source's failure. The rate is the median of the quotes left; when only two are left and they disagree, no
 * majority can tell which one is wrong, so the earlier source (the primary) is trusted.
 */
public final class RateAggregation {

    /** The DECIMAL(24, 8) columns hold at most 16 digits before the point. */
    static final BigDecimal MAX_PRICE = new BigDecimal("10000000000000000");

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final BigDecimal TWO = new BigDecimal("2");
    private static final int SCALE = 8;

    public record Quote(String source, BigDecimal price) {}

    public record Rejection(String source, BigDecimal price, String reason) {}

    /** The rate (null when no source gave an acceptable price), what it was made of, and what was refused. */
    public record Result(BigDecimal rate, String source, List<Quote> accepted, List<Rejection> rejected) {}

    private RateAggregation() {}

    public static Result aggregate(List<Quote> quotesInOrder, BigDecimal maxDeviationPercent) {
        List<Rejection> rejected = new ArrayList<>();
        List<Quote> sane = new ArrayList<>();
        for (Quote quote : quotesInOrder) {
            if (quote.price() == null
                    || quote.price().signum() <= 0
                    || quote.price().compareTo(MAX_PRICE) >= 0) {
                rejected.add(new Rejection(quote.source(), quote.price(), "absurd price " + plain(quote.price())));
            } else {
                sane.add(quote);
            }
        }
        List<Quote> accepted = new ArrayList<>();
        if (sane.size() >= 3) {
            BigDecimal median = median(sane.stream().map(Quote::price).toList());
            for (Quote quote : sane) {
                BigDecimal deviation = deviationPercent(quote.price(), median);
                if (deviation.compareTo(maxDeviationPercent) > 0) {
                    rejected.add(new Rejection(
                            quote.source(),
                            quote.price(),
                            "absurd price " + plain(quote.price()) + ": " + plain(deviation)
                                    + " % from the median of the sources (" + plain(median) + ")"));
                } else {
                    accepted.add(quote);
                }
            }
        } else if (sane.size() == 2) {
            Quote primary = sane.get(0);
            Quote fallback = sane.get(1);
            BigDecimal deviation = deviationPercent(fallback.price(), primary.price());
            accepted.add(primary);
            if (deviation.compareTo(maxDeviationPercent) > 0) {
                rejected.add(new Rejection(
                        fallback.source(),
                        fallback.price(),
                        "absurd price " + plain(fallback.price()) + ": " + plain(deviation) + " % from "
                                + primary.source() + " (" + plain(primary.price()) + ")"));
            } else {
                accepted.add(fallback);
            }
        } else {
            accepted.addAll(sane);
        }
        if (accepted.isEmpty()) {
            return new Result(null, null, List.of(), List.copyOf(rejected));
        }
        String source = accepted.size() == 1
                ? accepted.getFirst().source()
                : "median of " + accepted.stream().map(Quote::source).collect(Collectors.joining(","));
        return new Result(
                median(accepted.stream().map(Quote::price).toList()),
                source,
                List.copyOf(accepted),
                List.copyOf(rejected));
    }

    /** The middle value, or the mean of the two middle values, to 8 decimals. */
    public static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<BigDecimal> sorted =
                values.stream().sorted(Comparator.naturalOrder()).toList();
        int middle = sorted.size() / 2;
        BigDecimal median = sorted.size() % 2 == 1
                ? sorted.get(middle)
                : sorted.get(middle - 1).add(sorted.get(middle)).divide(TWO, SCALE, RoundingMode.HALF_UP);
        return tidy(median);
    }

    /** How far {@code value} lies from {@code reference}, in percent of the reference, to two decimals. */
    public static BigDecimal deviationPercent(BigDecimal value, BigDecimal reference) {
        return value.subtract(reference)
                .abs()
                .multiply(HUNDRED)
                .divide(reference, MathContext.DECIMAL64)
                .setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal tidy(BigDecimal value) {
        BigDecimal stripped = value.setScale(Math.min(value.scale(), SCALE), RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String plain(BigDecimal value) {
        return value == null ? "none" : value.stripTrailingZeros().toPlainString();
    }
}
