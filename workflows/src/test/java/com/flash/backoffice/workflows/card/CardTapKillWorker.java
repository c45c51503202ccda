package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.CardLifecycle;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.workflows.payment.KillPointPaymentActivities;
import com.flash.backoffice.workflows.payment.KillPoints;
import com.flash.backoffice.workflows.payment.KillWorkerMain;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import org.jooq.DSLContext;

/**
 * The card tap kill test's worker, a JVM of its own ({@link KillWorkerMain}): the real card worker (the tap workflow,
 * its local payment through the real payment activity over the paying LND, its bookings on the real database) and
 * the payment worker the tap falls back to, with the kill points of its plan.
 */
final class CardTapKillWorker {

    private CardTapKillWorker() {}

    public static void main(String[] args) throws Exception {
        KillWorkerMain.run(args, CardTapKillWorker::register);
    }

    private static void register(WorkerFactory factory, KillWorkerMain.Connections connections, KillPoints points) {
        DSLContext dsl = connections.dsl();
        WorkerOptions options = WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(KillWorkerMain.STICKY_TIMEOUT)
                .build();
        PaymentActivities payments =
                new KillPointPaymentActivities(KillWorkerMain.payments(dsl, connections.node()), points);
        Worker cards = factory.newWorker(CardTapWorkflow.TASK_QUEUE, options);
        CardWorker.register(
                cards,
                new KillPointCardActivities(new CardActivitiesImpl(new CardWithdrawals(dsl)), points),
                new CardLifecycleActivitiesImpl(new CardRepository(dsl), new CardLifecycle(dsl)),
                new CardTopUpActivitiesImpl(new CardTopUps(dsl)),
                payments);
        PaymentWorker.register(factory.newWorker(PaymentActivities.TASK_QUEUE, options), payments);
    }
}
