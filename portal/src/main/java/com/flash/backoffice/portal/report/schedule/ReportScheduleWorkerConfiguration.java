package com.flash.backoffice.portal.report.schedule;

import com.flash.backoffice.workflows.reportschedule.ReportScheduleActivities;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the report schedule workflow on the Temporal starter's worker factory. */
@Configuration
class ReportScheduleWorkerConfiguration {

    @Bean
    Worker reportScheduleWorker(WorkerFactory workerFactory, ReportScheduleActivities reportScheduleActivities) {
        return ReportScheduleWorker.register(workerFactory, reportScheduleActivities);
    }
}
