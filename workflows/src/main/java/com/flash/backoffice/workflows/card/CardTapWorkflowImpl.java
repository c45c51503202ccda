package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflow;
import com.flash.backoffice.workflows.invoice.PaymentObserved;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentOrder;
import com.flash.backoffice.workflows.payment.PaymentResult;
import com.flash.backoffice.workflows.payment.PaymentWorker;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Pays a tap through the shared payment activity, or, since {@link #INTERNAL_PAYMENTS}, a tap at an invoice of this
 * system inside Flash: the invoice's workflow is signalled an internal payment funded by the card's reservation (its
 * settlement entry moves the amount from the card to the merchant) and the tap is paid, with no Lightning payment.
 */
public class CardTapWorkflowImpl implements CardTapWorkflow {

    static final String INTERNAL_PAYMENTS = "internal-payments";
    /** Since version 1 the tap's bookings run as local activities: no task queue round trip after the payment. */
    static final String LOCAL_BOOKING = "local-booking";
    /**
     * Since version 1 the payment runs first as a local activity in the workflow's first task (handed to this worker
     * by the eager start): no task queue round trip before the send, and the booking follows in the same task.
     */
    static final String LOCAL_PAYMENT = "local-payment";

    /**
     * A tap's payment settles in a second or is in trouble: past this, or on any failure, the queued payment activity
     * takes over with its heartbeats and durable retries. It continues from the stored payment and the node's record
     * of its hash, so it follows a payment already sent and never sends it again.
     */
    static final Duration LOCAL_PAYMENT_TIMEOUT = Duration.ofMinutes(2);

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
    private final PaymentActivities localPayments = Workflow.newLocalActivityStub(
            PaymentActivities.class,
            LocalActivityOptions.newBuilder()
                    .setStartToCloseTimeout(LOCAL_PAYMENT_TIMEOUT)
                    .setRetryOptions(
                            RetryOptions.newBuilder().setMaximumAttempts(1).build())
                    .build());
    private final CardActivities queuedBooking = Workflow.newActivityStub(CardActivities.class, BOOK_OPTIONS);
    private final CardActivities localBooking = Workflow.newLocalActivityStub(
            CardActivities.class,
            LocalActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(BOOK_OPTIONS.getRetryOptions())
                    .build());
    private CardActivities card;

    @Override
    public CardTapResult pay(CardTapOrder order) {
        card = Workflow.getVersion(LOCAL_BOOKING, Workflow.DEFAULT_VERSION, 1) >= 1 ? localBooking : queuedBooking;
        if (order.internal() && Workflow.getVersion(INTERNAL_PAYMENTS, Workflow.DEFAULT_VERSION, 1) >= 1) {
            return payInternally(order);
        }
        PaymentResult result =
                pay(new PaymentOrder(order.paymentId(), order.bolt11(), order.amountMsat(), order.feeLimitMsat()));
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

    private PaymentResult pay(PaymentOrder order) {
        if (Workflow.getVersion(LOCAL_PAYMENT, Workflow.DEFAULT_VERSION, 1) < 1) {
            return payments.pay(order);
        }
        try {
            return localPayments.pay(order);
        } catch (ActivityFailure slowOrFailed) {
            return payments.pay(order);
        }
    }

    private CardTapResult payInternally(CardTapOrder order) {
        InvoiceWorkflow invoice = Workflow.newExternalWorkflowStub(
                InvoiceWorkflow.class, InvoiceWorkflow.workflowId(order.internalInvoiceId()));
        try {
            invoice.paymentSeen(PaymentObserved.internal(
                    order.paymentId(),
                    "Flash card " + order.cardId(),
                    order.amountMsat(),
                    ChartOfAccounts.cardPending(order.cardId())));
        } catch (SignalExternalWorkflowException | TemporalFailure closed) {
            // the invoice's workflow is not running (it ended, or never started): nothing was paid
            String reason = "The invoice " + order.internalInvoiceId() + " is no longer open";
            card.failed(order.tapId(), reason);
            return new CardTapResult(order.tapId(), false, 0, null, reason);
        }
        card.paidInternally(order.tapId());
        return new CardTapResult(order.tapId(), true, 0, order.internalInvoiceId(), null);
    }
}
