package com.flash.backoffice.portal.report;

import com.flash.backoffice.reports.LedgerReports;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportRegistry;
import com.flash.backoffice.workflows.report.ReportExportActivities;
import com.flash.backoffice.workflows.report.ReportExportWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The report registry and renderer, the period presets in the business time zone, and the export workflow's
 * worker, registered on the Temporal starter's factory before it starts the workers (as the invoice worker is).
 */
@Configuration
class ReportConfiguration {

    @Bean
    ReportRegistry reportRegistry() {
        return LedgerReports.registry();
    }

    @Bean
    ReportExporter reportExporter(DSLContext ctx, ReportRegistry reportRegistry) {
        return new ReportExporter(ctx, reportRegistry);
    }

    @Bean
    ReportPeriods reportPeriods(ReportProperties properties) {
        return new ReportPeriods(Clock.systemUTC(), properties.timeZone());
    }

    @Bean
    Worker reportExportWorker(WorkerFactory workerFactory, ReportExportActivities reportExportActivities) {
        return ReportExportWorker.register(workerFactory, reportExportActivities);
    }
}
