package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.CardLifecycle;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import io.temporal.testing.TestWorkflowEnvironment;
import org.jooq.DSLContext;

/** The card workflows' worker on the test environment, with the real activities on the test database. */
final class CardTestWorkers {

    private CardTestWorkers() {}

    /** For workflows that pay nothing: a payment reaching the card worker fails the test. */
    static void register(TestWorkflowEnvironment env, DSLContext dsl) {
        register(env, dsl, order -> {
            throw new AssertionError("no payment expected here: " + order);
        });
    }

    /** {@code payments} answers the taps' local payment attempts (the queued ones are the test's own worker). */
    static void register(TestWorkflowEnvironment env, DSLContext dsl, PaymentActivities payments) {
        CardWorker.register(
                env.newWorker(CardWorkflow.TASK_QUEUE),
                new CardActivitiesImpl(new CardWithdrawals(dsl)),
                new CardLifecycleActivitiesImpl(new CardRepository(dsl), new CardLifecycle(dsl)),
                new CardTopUpActivitiesImpl(new CardTopUps(dsl)),
                payments);
    }
}
