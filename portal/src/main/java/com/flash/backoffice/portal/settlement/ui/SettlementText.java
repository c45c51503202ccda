package com.flash.backoffice.portal.settlement.ui;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.settlement.SettlementFrequency;
import com.flash.backoffice.db.settlement.SettlementPlan;
import com.flash.backoffice.db.settlement.SettlementRun;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the page words plans, times and runs. */
final class SettlementText {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private SettlementText() {}

    static String plan(SettlementPlan plan) {
        LocalTime time = LocalTime.MIN.plusMinutes(plan.timeOfDayMinutes());
        return switch (plan.frequency()) {
            case DAILY -> "Daily at " + time + " UTC";
            case WEEKLY -> "Weekly on " + weekday(plan) + " at " + time + " UTC";
            case THRESHOLD ->
                "When at least " + Msat.ofMsat(plan.thresholdMsat()).toBtcString()
                        + " BTC is payable (checked hourly at :"
                        + String.format(Locale.ROOT, "%02d", plan.timeOfDayMinutes() % 60) + ")";
        };
    }

    static String frequency(SettlementFrequency frequency) {
        return switch (frequency) {
            case DAILY -> "Daily";
            case WEEKLY -> "Weekly";
            case THRESHOLD -> "Above a balance threshold";
        };
    }

    static String time(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }

    static String run(SettlementRun run) {
        String period =
                run.periodKey().startsWith("now-") ? "run now at " + time(run.periodAt()) : time(run.periodAt());
        return period + ": " + run.describe();
    }

    private static String weekday(SettlementPlan plan) {
        String name = plan.weekday().name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
