package com.flash.backoffice.db.reportschedule;

import java.time.Instant;
import java.util.List;

/**
 * A report e-mailed every day, week or month. {@code format} is a report format name (PDF, XLSX, CSV);
 * {@code merchantId} is set for reports about one merchant; {@code timeZone} is an IANA zone id that fixes where
 * days, weeks and months begin.
 */
public record ReportSchedule(
        String id,
        String report,
        String merchantId,
        String format,
        ScheduleFrequency frequency,
        List<String> recipients,
        String timeZone,
        String createdBy,
        Instant createdAt,
        Instant cancelledAt,
        String cancelledBy,
        int revision) {

    public ReportSchedule {
        recipients = List.copyOf(recipients);
    }

    public boolean active() {
        return cancelledAt == null;
    }
}
