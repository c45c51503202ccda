package com.flash.backoffice.workflows.approval;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/**
 * Registers the inbox activities on {@link ApprovalActivities#TASK_QUEUE}, where every requesting workflow's
 * {@link ApprovalProcess} sends them.
 */
public final class ApprovalWorker {

    private ApprovalWorker() {}

    public static Worker register(WorkerFactory factory, ApprovalActivities activities) {
        Worker worker = factory.newWorker(ApprovalActivities.TASK_QUEUE);
        worker.registerActivitiesImplementations(activities);
        return worker;
    }
}
