package com.flash.backoffice.db.reportschedule;

import java.time.Instant;

/**
 * One period of a schedule: {@code [periodFrom, periodTo)} in UTC. {@code rows} is the report's row count when it
 * was exported; {@code sentAt} is set once it was e-mailed.
 */
public record ScheduleRun(
        String scheduleId,
        Instant periodFrom,
        Instant periodTo,
        RunStatus status,
        Long rows,
        Instant sentAt,
        String error,
        Instant updatedAt) {

    /** Done for good: e-mailed, or logged where no SMTP server is configured. */
    public boolean sent() {
        return status == RunStatus.SENT || status == RunStatus.LOGGED;
    }
}
