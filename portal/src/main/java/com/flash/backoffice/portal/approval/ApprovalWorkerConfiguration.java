package com.flash.backoffice.portal.approval;

import com.flash.backoffice.workflows.approval.ApprovalActivities;
import com.flash.backoffice.workflows.approval.ApprovalWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the approvals inbox activities, which every requesting workflow calls, on their own task queue. */
@Configuration
class ApprovalWorkerConfiguration {

    @Bean
    Worker approvalWorker(WorkerFactory workerFactory, ApprovalActivities approvalActivities) {
        return ApprovalWorker.register(workerFactory, approvalActivities);
    }
}
