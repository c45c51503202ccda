package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.PaymentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which BTCPay events a change of state fires, in the order BTCPay fires them (payments, then the status). */
public final class InvoiceEvents {

    private InvoiceEvents() {}

    public static InvoiceEvent created(InvoiceState state, Instant now) {
        return event(state, InvoiceEventType.CREATED, "", null, now);
    }

    /** BTCPay's order: payments received, Processing, payments settled, then the new status. */
    public static List<InvoiceEvent> between(InvoiceState before, InvoiceState after, Instant now) {
        List<InvoiceEvent> events = new ArrayList<>();
        for (PaymentState payment : after.payments()) {
            boolean newlyCounted = payment.counted()
                    && before.payment(payment.paymentRef())
                            .map(p -> !p.counted())
                            .orElse(true);
            if (newlyCounted) {
                boolean late = !payment.seenAt().isBefore(after.terms().expiresAt());
                events.add(event(
                        after,
                        InvoiceEventType.RECEIVED_PAYMENT,
                        payment.paymentRef(),
                        "afterExpiration=" + late,
                        now));
            }
        }
        boolean statusChanged = after.status() != before.status();
        if ((statusChanged && after.status() == InvoiceStatus.PROCESSING) || paidStraightToSettled(before, after)) {
            events.add(event(after, InvoiceEventType.PROCESSING, "", "overPaid=" + after.overpaid(), now));
        }
        for (PaymentState payment : after.payments()) {
            boolean newlyConfirmed = payment.status() == PaymentStatus.CONFIRMED
                    && before.payment(payment.paymentRef())
                            .map(p -> p.status() != PaymentStatus.CONFIRMED)
                            .orElse(true);
            if (newlyConfirmed) {
                events.add(event(after, InvoiceEventType.PAYMENT_SETTLED, payment.paymentRef(), null, now));
            }
        }
        if (statusChanged) {
            finalStatusEvent(after).ifPresent(type -> events.add(event(after, type, "", statusDetail(after), now)));
        }
        if (after.additionalStatus() == InvoiceAdditionalStatus.PAID_LATE
                && before.additionalStatus() != InvoiceAdditionalStatus.PAID_LATE) {
            events.add(event(after, InvoiceEventType.PAID_AFTER_EXPIRATION, "", null, now));
        }
        return events;
    }

    private static boolean paidStraightToSettled(InvoiceState before, InvoiceState after) {
        return before.status() == InvoiceStatus.NEW
                && after.status() == InvoiceStatus.SETTLED
                && after.additionalStatus() != InvoiceAdditionalStatus.MARKED;
    }

    private static Optional<InvoiceEventType> finalStatusEvent(InvoiceState state) {
        return switch (state.status()) {
            case EXPIRED -> Optional.of(InvoiceEventType.EXPIRED);
            case SETTLED -> Optional.of(InvoiceEventType.SETTLED);
            case INVALID -> Optional.of(InvoiceEventType.INVALID);
            case NEW, PROCESSING -> Optional.empty();
        };
    }

    /** The flags BTCPay puts in each status event's payload. */
    private static String statusDetail(InvoiceState state) {
        return switch (state.status()) {
            case EXPIRED -> "partiallyPaid=" + (state.additionalStatus() == InvoiceAdditionalStatus.PAID_PARTIAL);
            case SETTLED, INVALID -> "manuallyMarked=" + (state.additionalStatus() == InvoiceAdditionalStatus.MARKED);
            case NEW, PROCESSING -> null;
        };
    }

    private static InvoiceEvent event(
            InvoiceState state, InvoiceEventType type, String paymentRef, String detail, Instant now) {
        InvoiceStatus status = state.status();
        return new InvoiceEvent(
                0,
                state.invoiceId(),
                state.revision(),
                type.btcpayName(),
                status,
                state.additionalStatus(),
                paymentRef,
                detail,
                now);
    }
}
