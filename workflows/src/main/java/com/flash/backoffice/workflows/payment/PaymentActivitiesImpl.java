package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.ConflictingPaymentException;
import com.flash.backoffice.db.payment.NewPayment;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentKind;
import com.flash.backoffice.db.payment.PaymentOutcome;
import com.flash.backoffice.db.payment.PaymentRepository;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * Pays exactly once (ARCHITECTURE.md, "Sending money"): a payment id seen before continues from what is stored (a
 * final one returns its stored result without asking the node); a new one is checked, its intent recorded, and
 * handed to its rail. Bad input on a new id writes nothing.
 */
public class PaymentActivitiesImpl implements PaymentActivities {

    private final PaymentRepository payments;
    private final PaymentDestinations destinations;
    private final LightningPayments lightning;
    private final OnchainPayer onchain;

    public PaymentActivitiesImpl(
            PaymentRepository payments,
            PaymentDestinations destinations,
            LightningPayments lightning,
            OnchainPayer onchain) {
        this.payments = payments;
        this.destinations = destinations;
        this.lightning = lightning;
        this.onchain = onchain;
    }

    @Override
    public PaymentResult pay(PaymentOrder order) {
        Optional<Payment> known = payments.find(order.paymentId());
        if (known.isEmpty()) {
            Optional<DestinationProblem> problem = destinations.problem(order.destination(), order.amountMsat());
            if (problem.isPresent()) {
                return PaymentResult.failed(
                        order.paymentId(),
                        PaymentFailure.INVALID_DESTINATION,
                        problem.get().message());
            }
        }
        Payment payment = record(order, known);
        if (payment.isFinal()) {
            return result(payment);
        }
        ActivityExecutionContext activity = Activity.getExecutionContext();
        PaymentResult result = payment.kind() == PaymentKind.ONCHAIN
                ? onchain.pay(payment, activity::heartbeat)
                : lightning.pay(payment, activity::heartbeat);
        return result(payments.finish(payment.paymentId(), outcome(result)));
    }

    private Payment record(PaymentOrder order, Optional<Payment> known) {
        // a known id keeps its kind: an order with another destination is refused as a conflict below
        PaymentKind kind = known.map(Payment::kind)
                .orElseGet(() -> PaymentKind.valueOf(
                        destinations.kind(order.destination()).name()));
        try {
            return payments.recordIntent(new NewPayment(
                    order.paymentId(), kind, order.destination().strip(), order.amountMsat(), order.feeLimitMsat()));
        } catch (ConflictingPaymentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), PaymentActivities.CONFLICTING_ORDER);
        }
    }

    private static PaymentOutcome outcome(PaymentResult result) {
        return result.succeeded()
                ? PaymentOutcome.succeeded(result.feeMsat(), result.proof())
                : PaymentOutcome.failed(result.failure().name(), result.detail());
    }

    static PaymentResult result(Payment payment) {
        return switch (payment.status()) {
            case SUCCEEDED -> PaymentResult.succeeded(payment.paymentId(), payment.feeMsat(), payment.proof());
            case FAILED -> PaymentResult.failed(payment.paymentId(), failure(payment.failure()), payment.detail());
            default -> throw new IllegalStateException("payment " + payment.paymentId() + " is not final");
        };
    }

    private static PaymentFailure failure(String name) {
        try {
            return PaymentFailure.valueOf(name);
        } catch (IllegalArgumentException e) {
            return PaymentFailure.ERROR;
        }
    }
}
