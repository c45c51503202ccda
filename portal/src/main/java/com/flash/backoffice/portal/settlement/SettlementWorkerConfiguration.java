package com.flash.backoffice.portal.settlement;

import com.flash.backoffice.workflows.settlement.SettlementActivities;
import com.flash.backoffice.workflows.settlement.SettlementScheduleWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the settlement schedule workflow on the Temporal starter's worker factory. */
@Configuration
class SettlementWorkerConfiguration {

    @Bean
    Worker settlementScheduleWorker(WorkerFactory workerFactory, SettlementActivities settlementActivities) {
        return SettlementScheduleWorker.register(workerFactory, settlementActivities);
    }
}
