package com.flash.backoffice.workflows.invoice;

import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.MARKED;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.NONE;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.PAID_LATE;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.PAID_OVER;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.PAID_PARTIAL;

import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.suspense.SuspenseKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * BTCPay's invoice state machine as pure functions: each takes a state and returns the next one (the same
 * instance when nothing changed, otherwise one with {@code revision + 1}).
 *
 * <ul>
 *   <li>New → Processing when paid in full within tolerance; → Settled at once if every counted payment is
 *       already final (Lightning, or on-chain under HIGH without RBF).
 *   <li>Processing → Settled when every counted payment has its confirmations; → Invalid when the monitoring
 *       window (counted from expiry) ends first; → New (or Expired, after expiry) if a dropped payment leaves it
 *       short.
 *   <li>New → Expired at expiry (PaidPartial if something was paid); a payment in full after expiry but inside
 *       the monitoring window leaves it Expired with PaidLate, as in BTCPay.
 *   <li>Settled → Invalid when a dropped payment (a double spend of a 0-confirmation payment) leaves an invoice
 *       settled by payment short: its settlement is reversed and the status reason says why. BTCPay never takes a
 *       settled invoice back (it only returns Processing to New); Flash reverses it because the merchant's balance
 *       must not keep coins that were never received.
 *   <li>Otherwise Settled and Invalid are final for payments, confirmations and drops: they are recorded, never
 *       undone. Only staff marking moves them (see {@link #mark}). By custody, a payment to a Settled invoice is
 *       booked as overpaid once it has its confirmations: nothing received is lost.
 * </ul>
 */
public final class InvoiceRules {

    /** The status reason of an invoice whose settlement was reversed because a payment was double-spent. */
    public static final String PAYMENT_DOUBLE_SPENT = "payment double-spent";

    private InvoiceRules() {}

    /** A new invoice, booked by custody ({@link SettlementEntries}). */
    public static InvoiceState open(InvoiceRequest terms) {
        return new InvoiceState(terms, InvoiceStatus.NEW, NONE, List.of(), SettlementBooking.NONE, null, 0, null);
    }

    /**
     * A new invoice booked by custody that also books payments made after staff marked it settled with nothing
     * received: Flash's node holds them, so they go to suspense. The workflows started before replay {@link #open}.
     */
    public static InvoiceState openBookingLatePayments(InvoiceRequest terms) {
        return new InvoiceState(
                terms, InvoiceStatus.NEW, NONE, List.of(), SettlementBooking.NONE_WITH_LATE_PAYMENTS, null, 0, null);
    }

    /** A new invoice booked as before custody: the workflows started before it replay this way. */
    public static InvoiceState openBeforeCustody(InvoiceRequest terms) {
        return new InvoiceState(terms, InvoiceStatus.NEW, NONE, List.of(), SettlementBooking.LEGACY, null, 0, null);
    }

    /** Confirmations an on-chain payment needs; an RBF-signalling one can be replaced, so it needs at least 1. */
    public static int requiredConfirmations(PaymentMethod method, boolean rbf, SpeedPolicy policy) {
        if (method == PaymentMethod.BTC_LN) {
            return 0;
        }
        return rbf ? Math.max(1, policy.confirmations()) : policy.confirmations();
    }

    /** A new payment counts; the same reference again updates it (or revives it after a drop), never adds it twice. */
    public static InvoiceState paymentSeen(InvoiceState state, PaymentObserved observed, Instant now) {
        List<PaymentState> payments = new ArrayList<>(state.payments());
        int index = indexOf(payments, observed.paymentRef());
        if (index < 0) {
            payments.add(new PaymentState(
                    observed.paymentRef(),
                    observed.method(),
                    observed.destination(),
                    observed.amountMsat(),
                    observed.confirmations(),
                    observed.rbf(),
                    PaymentStatus.PENDING,
                    now,
                    observed.fundedBy()));
        } else {
            PaymentState known = payments.get(index);
            PaymentStatus status = known.counted() ? known.status() : PaymentStatus.PENDING;
            payments.set(
                    index,
                    known.withConfirmations(observed.confirmations())
                            .withRbf(observed.rbf())
                            .withStatus(status));
        }
        return changed(state, recompute(state.withPayments(payments), now));
    }

    /** Unknown and dropped payments are ignored: a payment comes back only through {@link #paymentSeen}. */
    public static InvoiceState confirmationsChanged(InvoiceState state, ConfirmationsChanged change, Instant now) {
        List<PaymentState> payments = new ArrayList<>(state.payments());
        int index = indexOf(payments, change.paymentRef());
        if (index < 0 || !payments.get(index).counted()) {
            return state;
        }
        payments.set(index, payments.get(index).withConfirmations(change.confirmations()));
        return changed(state, recompute(state.withPayments(payments), now));
    }

    /** A drop that leaves an invoice settled by payment short reverses its settlement and makes it Invalid. */
    public static InvoiceState paymentDropped(InvoiceState state, PaymentDropped drop, Instant now) {
        InvoiceState recorded = paymentDroppedKeepingSettlement(state, drop, now);
        boolean settledByPayment = state.status() == InvoiceStatus.SETTLED && state.additionalStatus() != MARKED;
        if (!settledByPayment || recorded.paidInFull()) {
            return recorded;
        }
        InvoiceState invalid =
                recorded.with(InvoiceStatus.INVALID, partialOrNone(recorded)).withStatusReason(PAYMENT_DOUBLE_SPENT);
        return changed(state, unbook(invalid));
    }

    /** True when this change reversed a settlement because a payment was double-spent. */
    public static boolean reversedForDoubleSpend(InvoiceState before, InvoiceState after) {
        return before.status() == InvoiceStatus.SETTLED
                && after.status() == InvoiceStatus.INVALID
                && after.additionalStatus() != MARKED
                && before.booking().inForce()
                && !after.booking().inForce();
    }

    /**
     * The drop rule of invoice workflows started before settlements were reversed: a Settled invoice only records
     * the drop. Their histories replay with it.
     */
    public static InvoiceState paymentDroppedKeepingSettlement(InvoiceState state, PaymentDropped drop, Instant now) {
        List<PaymentState> payments = new ArrayList<>(state.payments());
        int index = indexOf(payments, drop.paymentRef());
        if (index < 0) {
            return state;
        }
        payments.set(index, payments.get(index).withStatus(PaymentStatus.DROPPED));
        return changed(state, recompute(state.withPayments(payments), now));
    }

    /** At expiry a New invoice expires; any other status is not affected by expiry. */
    public static InvoiceState expire(InvoiceState state, Instant now) {
        if (state.status() != InvoiceStatus.NEW) {
            return state;
        }
        return changed(state, paidToExpired(state.with(InvoiceStatus.EXPIRED, partialOrNone(state))));
    }

    /** At the end of the monitoring window an invoice still waiting for confirmations becomes Invalid. */
    public static InvoiceState endMonitoring(InvoiceState state, Instant now) {
        if (state.status() != InvoiceStatus.PROCESSING) {
            return state;
        }
        return changed(state, state.with(InvoiceStatus.INVALID, state.additionalStatus()));
    }

    /**
     * BTCPay's marking rules: Settled from New, Processing, Expired or Invalid; Invalid from New, Processing,
     * Expired, or from Settled only when staff marked it settled. Marking Settled books what was received;
     * marking a marked-settled invoice Invalid reverses that booking.
     */
    public static MarkOutcome mark(InvoiceState state, MarkRequest request, Instant now) {
        if (request.reason() == null || request.reason().isBlank()) {
            return new MarkOutcome(MarkResult.REASON_REQUIRED, state);
        }
        MarkResult refusal = refusal(state, request.target());
        if (refusal != null) {
            return new MarkOutcome(refusal, state);
        }
        InvoiceState marked = state.with(request.target().status(), MARKED)
                .withStatusReason(request.reason().strip());
        marked = request.target() == MarkTarget.SETTLED ? book(marked) : unbook(marked);
        return new MarkOutcome(MarkResult.MARKED, changed(state, marked));
    }

    private static MarkResult refusal(InvoiceState state, MarkTarget target) {
        return switch (target) {
            case SETTLED -> state.status() == InvoiceStatus.SETTLED ? MarkResult.ALREADY_SETTLED : null;
            case INVALID ->
                switch (state.status()) {
                    case INVALID -> MarkResult.ALREADY_INVALID;
                    case SETTLED -> state.additionalStatus() == MARKED ? null : MarkResult.SETTLED_BY_PAYMENT;
                    default -> null;
                };
        };
    }

    private static InvoiceState recompute(InvoiceState state, Instant now) {
        return paidToExpired(recomputeStatus(state, now));
    }

    private static InvoiceState recomputeStatus(InvoiceState state, Instant now) {
        InvoiceState refreshed = state.withPayments(refreshPaymentStatuses(state));
        return switch (refreshed.status()) {
            case NEW, PROCESSING -> open(refreshed, now);
            case EXPIRED ->
                refreshed.with(InvoiceStatus.EXPIRED, refreshed.paidInFull() ? PAID_LATE : partialOrNone(refreshed));
            case SETTLED ->
                bookPaymentsAfterSettlement(
                        refreshed.additionalStatus() == MARKED || !refreshed.overpaid()
                                ? refreshed
                                : refreshed.with(InvoiceStatus.SETTLED, PAID_OVER));
            case INVALID -> refreshed;
        };
    }

    /** New or Processing: decided by what is paid now, what is final, and whether expiry has passed. */
    private static InvoiceState open(InvoiceState state, Instant now) {
        boolean expired = !now.isBefore(state.terms().expiresAt());
        if (!state.paidInFull()) {
            return state.with(expired ? InvoiceStatus.EXPIRED : InvoiceStatus.NEW, partialOrNone(state));
        }
        if (state.status() == InvoiceStatus.NEW && expired) {
            return state.with(InvoiceStatus.EXPIRED, PAID_LATE);
        }
        InvoiceAdditionalStatus additional = state.overpaid() ? PAID_OVER : NONE;
        if (state.countedPaymentsFinal()) {
            return book(state.with(InvoiceStatus.SETTLED, additional));
        }
        return state.with(InvoiceStatus.PROCESSING, additional);
    }

    private static List<PaymentState> refreshPaymentStatuses(InvoiceState state) {
        SpeedPolicy policy = state.terms().speedPolicy();
        return state.payments().stream()
                .map(payment -> {
                    if (!payment.counted()) {
                        return payment;
                    }
                    int required = requiredConfirmations(payment.method(), payment.rbf(), policy);
                    return payment.withStatus(
                            payment.confirmations() >= required ? PaymentStatus.CONFIRMED : PaymentStatus.PENDING);
                })
                .toList();
    }

    /**
     * Books the counted payments unless a settlement is already in force or nothing was received. By custody, the
     * payments fill the invoice amount in the order they were seen; what a payment brings beyond it is the overpaid
     * part of its rail (suspense). What was in suspense as paid to the expired invoice is now settled.
     */
    private static InvoiceState book(InvoiceState state) {
        SettlementBooking booking = state.booking();
        if (booking.inForce() || state.paidMsat() == 0) {
            return state;
        }
        if (!booking.byCustody()) {
            return state.withBooking(booking.settle(
                    state.paidMsat(PaymentMethod.BTC_CHAIN), state.paidMsat(PaymentMethod.BTC_LN), 0, 0));
        }
        Long amount = state.terms().amountMsat();
        long unfilled = amount == null ? Long.MAX_VALUE : amount;
        long[] settled = new long[PaymentMethod.values().length];
        long[] overpaid = new long[PaymentMethod.values().length];
        for (PaymentState payment : state.payments()) {
            if (!payment.counted()) {
                continue;
            }
            long filling = Math.min(payment.amountMsat(), unfilled);
            unfilled -= filling;
            settled[payment.method().ordinal()] += filling;
            overpaid[payment.method().ordinal()] += payment.amountMsat() - filling;
        }
        int chain = PaymentMethod.BTC_CHAIN.ordinal();
        int lightning = PaymentMethod.BTC_LN.ordinal();
        return state.withBooking(funded(
                state, booking.settle(settled[chain], settled[lightning], overpaid[chain], overpaid[lightning])));
    }

    /**
     * By custody, what the confirmed payments of a rail bring beyond what is booked for it (settled + overpaid) joins
     * its overpaid part, so a payment to a settled invoice is held (in suspense on a custodial rail, a note otherwise).
     * Never shrinks: a drop is the double-spend reversal's business.
     */
    private static InvoiceState bookPaymentsAfterSettlement(InvoiceState state) {
        SettlementBooking booking = state.booking();
        boolean markedWithNothing = !booking.inForce() && state.additionalStatus() == MARKED;
        if (!booking.byCustody() || (!booking.inForce() && !(markedWithNothing && booking.booksLatePayments()))) {
            return state;
        }
        return state.withBooking(funded(
                state,
                booking.overpaid(
                        overpaidIncludingLaterPayments(state, PaymentMethod.BTC_CHAIN),
                        overpaidIncludingLaterPayments(state, PaymentMethod.BTC_LN))));
    }

    /**
     * A changed booking holds every counted Lightning payment (settled or in suspense), so the internal ones among them
     * are the part of it debited from their account. Flash pays an invoice internally only while it is New and unpaid,
     * so one account funds it at most.
     */
    private static SettlementBooking funded(InvoiceState state, SettlementBooking next) {
        if (next == state.booking()) {
            return next;
        }
        long funded = 0;
        NewLedgerAccount account = null;
        for (PaymentState payment : state.payments()) {
            if (payment.counted() && payment.fundedBy() != null) {
                funded = Math.addExact(funded, payment.amountMsat());
                account = payment.fundedBy();
            }
        }
        return next.funded(funded, account);
    }

    private static long overpaidIncludingLaterPayments(InvoiceState state, PaymentMethod rail) {
        SettlementBooking booking = state.booking();
        long overpaid = booking.suspenseMsat(SuspenseKind.OVERPAID, rail);
        long booked = Math.addExact(booking.settledMsat(rail), overpaid);
        long beyond = Math.subtractExact(confirmedMsat(state, rail), booked);
        return beyond > 0 ? Math.addExact(overpaid, beyond) : overpaid;
    }

    /** Reverses everything booked for the invoice when a settlement is in force. */
    private static InvoiceState unbook(InvoiceState state) {
        return state.booking().inForce() ? state.withBooking(state.booking().reversed()) : state;
    }

    /**
     * By custody, an expired invoice holds its confirmed payments (those with the confirmations its speed policy asks
     * for) in suspense until staff allocate them, refund them or mark the invoice settled.
     */
    private static InvoiceState paidToExpired(InvoiceState state) {
        SettlementBooking booking = state.booking();
        if (state.status() != InvoiceStatus.EXPIRED || !booking.byCustody() || booking.inForce()) {
            return state;
        }
        return state.withBooking(funded(
                state,
                booking.paidToExpired(
                        confirmedMsat(state, PaymentMethod.BTC_CHAIN), confirmedMsat(state, PaymentMethod.BTC_LN))));
    }

    private static long confirmedMsat(InvoiceState state, PaymentMethod method) {
        long total = 0;
        for (PaymentState payment : state.payments()) {
            if (payment.method() == method && payment.counted() && payment.status() == PaymentStatus.CONFIRMED) {
                total = Math.addExact(total, payment.amountMsat());
            }
        }
        return total;
    }

    private static InvoiceAdditionalStatus partialOrNone(InvoiceState state) {
        return state.paidMsat() > 0 ? PAID_PARTIAL : NONE;
    }

    private static int indexOf(List<PaymentState> payments, String paymentRef) {
        for (int i = 0; i < payments.size(); i++) {
            if (payments.get(i).paymentRef().equals(paymentRef)) {
                return i;
            }
        }
        return -1;
    }

    private static InvoiceState changed(InvoiceState before, InvoiceState after) {
        return after.equals(before) ? before : after.withRevision(before.revision() + 1);
    }
}
