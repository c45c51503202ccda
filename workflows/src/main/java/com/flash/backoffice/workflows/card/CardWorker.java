package com.flash.backoffice.workflows.card;

import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the card, tap payment and manual top-up workflows and their activities on {@link CardTapWorkflow#TASK_QUEUE}. */
public final class CardWorker {

    private CardWorker() {}

    public static Worker register(
            WorkerFactory factory,
            CardActivities activities,
            CardLifecycleActivities lifecycle,
            CardTopUpActivities topUps,
            PaymentActivities payments) {
        Worker worker = factory.newWorker(CardTapWorkflow.TASK_QUEUE);
        register(worker, activities, lifecycle, topUps, payments);
        return worker;
    }

    /** {@code payments} is the shared payment activity, which a tap runs locally first (see its workflow). */
    public static void register(
            Worker worker,
            CardActivities activities,
            CardLifecycleActivities lifecycle,
            CardTopUpActivities topUps,
            PaymentActivities payments) {
        worker.registerWorkflowImplementationTypes(
                CardTapWorkflowImpl.class, CardWorkflowImpl.class, CardTopUpWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities, lifecycle, topUps);
        PaymentWorker.register(worker, payments);
    }
}
