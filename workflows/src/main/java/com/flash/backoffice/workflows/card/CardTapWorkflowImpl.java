package com.flash.backoffice.workflows.card;

import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentOrder;
import com.flash.backoffice.workflows.payment.PaymentResult;
import com.flash.backoffice.workflows.payment.PaymentWorker;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class CardTapWorkflowImpl implements CardTapWorkflow {

    private static final ActivityOptions BOOK_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(1))
                    .build())
            .build();

    /** The payment activity never sends twice, so retrying it (after a worker died, say) is always safe. */
    private static final ActivityOptions PAY_OPTIONS = PaymentWorker.activityOptions().toBuilder()
            .setTaskQueue(PaymentActivities.TASK_QUEUE)
            .build();

    private final PaymentActivities payments = Workflow.newActivityStub(PaymentActivities.class, PAY_OPTIONS);
    private final CardActivities card = Workflow.newActivityStub(CardActivities.class, BOOK_OPTIONS);

    @Override
    public CardTapResult pay(CardTapOrder order) {
        PaymentResult result = payments.pay(
                new PaymentOrder(order.paymentId(), order.bolt11(), order.amountMsat(), order.feeLimitMsat()));
        if (result.succeeded()) {
            card.paid(order.tapId(), result.feeMsat());
            return new CardTapResult(order.tapId(), true, result.feeMsat(), result.proof(), null);
        }
        String reason = result.detail() == null
                ? result.failure().message()
                : result.failure().message() + ": " + result.detail();
        card.failed(order.tapId(), reason);
        return new CardTapResult(order.tapId(), false, 0, null, reason);
    }
}
