package com.flash.backoffice.portal.report.schedule;

import com.flash.backoffice.db.reportschedule.ReportSchedule;
import java.util.Map;

/** The created schedule, or the message for each field that stopped it (nothing written then). */
public record ScheduleCreateResult(ReportSchedule schedule, Map<ScheduleField, String> errors) {

    public ScheduleCreateResult {
        errors = Map.copyOf(errors);
    }

    static ScheduleCreateResult created(ReportSchedule schedule) {
        return new ScheduleCreateResult(schedule, Map.of());
    }

    static ScheduleCreateResult invalid(Map<ScheduleField, String> errors) {
        return new ScheduleCreateResult(null, errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
