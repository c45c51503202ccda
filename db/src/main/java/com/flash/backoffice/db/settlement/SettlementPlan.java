package com.flash.backoffice.db.settlement;

import java.time.DayOfWeek;
import java.util.Objects;

/**
 * What a schedule does and when: {@code weekday} only for {@link SettlementFrequency#WEEKLY}, {@code thresholdMsat}
 * only for {@link SettlementFrequency#THRESHOLD}; {@code timeOfDayMinutes} is minutes after midnight UTC (for a
 * threshold schedule only its minute within the hour counts). The portal checks drafts with messages first; this
 * constructor only guards the invariants the table's checks also hold.
 */
public record SettlementPlan(
        SettlementFrequency frequency, DayOfWeek weekday, Long thresholdMsat, int timeOfDayMinutes) {

    public static final int MINUTES_PER_DAY = 24 * 60;

    public SettlementPlan {
        Objects.requireNonNull(frequency, "frequency");
        if (timeOfDayMinutes < 0 || timeOfDayMinutes >= MINUTES_PER_DAY) {
            throw new IllegalArgumentException("timeOfDayMinutes must be within a day: " + timeOfDayMinutes);
        }
        if ((frequency == SettlementFrequency.WEEKLY) != (weekday != null)) {
            throw new IllegalArgumentException("a weekday is set for weekly schedules only");
        }
        if ((frequency == SettlementFrequency.THRESHOLD) != (thresholdMsat != null)) {
            throw new IllegalArgumentException("a threshold is set for threshold schedules only");
        }
        if (thresholdMsat != null && thresholdMsat <= 0) {
            throw new IllegalArgumentException("thresholdMsat must be positive: " + thresholdMsat);
        }
    }

    public static SettlementPlan daily(int timeOfDayMinutes) {
        return new SettlementPlan(SettlementFrequency.DAILY, null, null, timeOfDayMinutes);
    }

    public static SettlementPlan weekly(DayOfWeek weekday, int timeOfDayMinutes) {
        return new SettlementPlan(SettlementFrequency.WEEKLY, weekday, null, timeOfDayMinutes);
    }

    public static SettlementPlan threshold(long thresholdMsat, int timeOfDayMinutes) {
        return new SettlementPlan(SettlementFrequency.THRESHOLD, null, thresholdMsat, timeOfDayMinutes);
    }
}
