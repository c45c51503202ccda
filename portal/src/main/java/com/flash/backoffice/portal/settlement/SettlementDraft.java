package com.flash.backoffice.portal.settlement;

import com.flash.backoffice.db.settlement.SettlementFrequency;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * What the schedule form holds: the merchant, how often, the weekday (weekly), the threshold in BTC as typed
 * (threshold), and the time of day in UTC (for a threshold schedule, its minute is the minute of each hourly check).
 */
public record SettlementDraft(
        String merchantId,
        SettlementFrequency frequency,
        DayOfWeek weekday,
        BigDecimal thresholdBtc,
        LocalTime timeOfDay) {}
