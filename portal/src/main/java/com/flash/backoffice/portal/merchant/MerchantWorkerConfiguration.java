package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.workflows.merchant.MerchantChangeActivities;
import com.flash.backoffice.workflows.merchant.MerchantWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the merchant change workflow (two-person rule) and its activities. */
@Configuration
class MerchantWorkerConfiguration {

    @Bean
    Worker merchantWorker(WorkerFactory workerFactory, MerchantChangeActivities activities) {
        return MerchantWorker.register(workerFactory, activities);
    }
}
