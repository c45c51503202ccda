package com.flash.backoffice.db.reportschedule;

import java.util.Optional;

/** A schedule with its most recent run, for lists. */
public record ScheduleOverview(ReportSchedule schedule, ScheduleRun lastRun) {

    public Optional<ScheduleRun> latestRun() {
        return Optional.ofNullable(lastRun);
    }
}
