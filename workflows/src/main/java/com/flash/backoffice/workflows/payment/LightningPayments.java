package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.ConflictingPaymentException;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentKind;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.workflows.lightning.DecodedInvoice;
import com.flash.backoffice.workflows.lightning.LightningFailureReason;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.LightningNodeException;
import com.flash.backoffice.workflows.lightning.LightningPayment;
import com.flash.backoffice.workflows.lightning.OutgoingPayment;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Lightning path of a recorded payment: the invoice and its hash are stored before anything is sent; the node
 * is asked about that hash, and the invoice is sent only when the node never saw it; the payment is then followed
 * to its final state.
 */
public class LightningPayments {

    private final LightningNode node;
    private final PaymentRepository payments;
    private final PaymentDestinations destinations;
    private final DestinationResolver resolver;
    private final PaymentProperties properties;

    public LightningPayments(
            LightningNode node,
            PaymentRepository payments,
            PaymentDestinations destinations,
            DestinationResolver resolver,
            PaymentProperties properties) {
        this.node = node;
        this.payments = payments;
        this.destinations = destinations;
        this.resolver = resolver;
        this.properties = properties;
    }

    /** The final state of {@code payment} on the node; {@code heartbeat} is called while it is in flight. */
    PaymentResult pay(Payment payment, Consumer<String> heartbeat) {
        if (payment.paymentHash() == null) {
            Optional<PaymentResult> refused = attachInvoice(payment);
            if (refused.isPresent()) {
                return refused.get();
            }
            payment = payments.find(payment.paymentId()).orElseThrow();
        }
        String hash = payment.paymentHash();
        Optional<LightningPayment> seen = node.trackPayment(hash, properties.trackInterval());
        LightningPayment state;
        if (seen.isPresent()) {
            state = seen.get();
        } else {
            payments.markInFlight(payment.paymentId());
            DecodedInvoice invoice = node.decode(payment.bolt11());
            state = node.sendPayment(
                    new OutgoingPayment(
                            payment.bolt11(),
                            invoice.hasAmount() ? 0 : payment.amountMsat(),
                            payment.feeLimitMsat(),
                            properties.lightningTimeout()),
                    properties.trackInterval());
        }
        while (!state.isFinal()) {
            heartbeat.accept(hash);
            state = node.trackPayment(hash, properties.trackInterval())
                    .orElseThrow(() -> new LightningNodeException(
                            "the node no longer knows the payment to " + hash + " it had in flight", null));
        }
        return switch (state.status()) {
            case SUCCEEDED -> PaymentResult.succeeded(payment.paymentId(), state.feeMsat(), state.preimage());
            default -> PaymentResult.failed(payment.paymentId(), failure(state.failureReason()), state.detail());
        };
    }

    /** Resolves, checks and stores the invoice to pay; the failure to store when there is nothing to send. */
    private Optional<PaymentResult> attachInvoice(Payment payment) {
        String bolt11;
        try {
            bolt11 = resolver.invoiceFor(kind(payment.kind()), payment.destination(), payment.amountMsat());
        } catch (UnresolvableDestinationException e) {
            return Optional.of(invalid(payment, e.getMessage()));
        }
        Optional<DestinationProblem> problem = destinations.problem(bolt11, payment.amountMsat());
        if (problem.isPresent()) {
            return Optional.of(invalid(payment, problem.get().message()));
        }
        DecodedInvoice invoice = node.decode(bolt11);
        try {
            payments.attachInvoice(payment.paymentId(), bolt11, invoice.paymentHash());
        } catch (ConflictingPaymentException e) {
            return Optional.of(invalid(payment, e.getMessage()));
        }
        return Optional.empty();
    }

    static PaymentFailure failure(LightningFailureReason reason) {
        return switch (reason) {
            case NO_ROUTE -> PaymentFailure.NO_ROUTE;
            case INSUFFICIENT_BALANCE -> PaymentFailure.INSUFFICIENT_BALANCE;
            case INCORRECT_PAYMENT_DETAILS -> PaymentFailure.INCORRECT_DETAILS;
            case TIMEOUT -> PaymentFailure.TIMEOUT;
            case ERROR -> PaymentFailure.ERROR;
        };
    }

    private static PaymentResult invalid(Payment payment, String message) {
        return PaymentResult.failed(payment.paymentId(), PaymentFailure.INVALID_DESTINATION, message);
    }

    private static DestinationKind kind(PaymentKind kind) {
        return DestinationKind.valueOf(kind.name());
    }
}
