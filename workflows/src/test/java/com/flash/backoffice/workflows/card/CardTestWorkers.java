package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.CardLifecycle;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.CardWithdrawals;
import io.temporal.testing.TestWorkflowEnvironment;
import org.jooq.DSLContext;

/** The card workflows' worker on the test environment, with the real activities on the test database. */
final class CardTestWorkers {

    private CardTestWorkers() {}

    static void register(TestWorkflowEnvironment env, DSLContext dsl) {
        CardWorker.register(
                env.newWorker(CardWorkflow.TASK_QUEUE),
                new CardActivitiesImpl(new CardWithdrawals(dsl)),
                new CardLifecycleActivitiesImpl(new CardRepository(dsl), new CardLifecycle(dsl)),
                new CardTopUpActivitiesImpl(new CardTopUps(dsl)));
    }
}
