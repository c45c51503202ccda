package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.suspense.SuspenseKind;

/**
 * What the ledger holds for this invoice, per rail: the settled amounts (the merchant's, less the fee) and the amounts
 * in suspense (the overpaid part; what was paid to the invoice after it expired). {@link SettlementEntries} turns a
 * booking into the invoice's position in the ledger; each posting is the difference between two bookings.
 *
 * <p>{@code postings} counts the entries posted so far (it numbers their source keys). {@code model} is
 * {@link #LEGACY_MODEL} for invoices whose workflow started before custody was known (every receipt was booked as
 * Flash's asset, nothing to suspense; JSON saved then has no model, hence 0), {@link #CUSTODY_MODEL} since, and
 * {@link #LATE_PAYMENTS_MODEL} for invoices that also book what is paid after staff marked them settled with nothing
 * received (to suspense: the marking says the merchant was paid otherwise).
 *
 * <p>{@code lightningFundedMsat} is the part of the Lightning amounts (settled and in suspense) that internal
 * payments brought: it is debited from {@code fundedBy} (a Flash card's account) instead of Flash's Lightning asset.
 */
public record SettlementBooking(
        int postings,
        long onchainMsat,
        long lightningMsat,
        long onchainOverpaidMsat,
        long lightningOverpaidMsat,
        long onchainPaidToExpiredMsat,
        long lightningPaidToExpiredMsat,
        int model,
        long lightningFundedMsat,
        NewLedgerAccount fundedBy) {

    public SettlementBooking(
            int postings,
            long onchainMsat,
            long lightningMsat,
            long onchainOverpaidMsat,
            long lightningOverpaidMsat,
            long onchainPaidToExpiredMsat,
            long lightningPaidToExpiredMsat,
            int model) {
        this(
                postings,
                onchainMsat,
                lightningMsat,
                onchainOverpaidMsat,
                lightningOverpaidMsat,
                onchainPaidToExpiredMsat,
                lightningPaidToExpiredMsat,
                model,
                0,
                null);
    }

    public static final int LEGACY_MODEL = 0;
    public static final int CUSTODY_MODEL = 1;
    public static final int LATE_PAYMENTS_MODEL = 2;

    /** Nothing booked, booked by custody. */
    public static final SettlementBooking NONE = new SettlementBooking(0, 0, 0, 0, 0, 0, 0, CUSTODY_MODEL);

    /** Nothing booked, by custody, payments after a marked settlement included. */
    public static final SettlementBooking NONE_WITH_LATE_PAYMENTS =
            new SettlementBooking(0, 0, 0, 0, 0, 0, 0, LATE_PAYMENTS_MODEL);

    /** Nothing booked, booked as before custody (the workflows that started before it replay this way). */
    public static final SettlementBooking LEGACY = new SettlementBooking(0, 0, 0, 0, 0, 0, 0, LEGACY_MODEL);

    /** A settlement is in force: the merchant has been credited (or owes the fee) for it. */
    public boolean inForce() {
        return onchainMsat + lightningMsat > 0;
    }

    public boolean byCustody() {
        return model >= CUSTODY_MODEL;
    }

    /** Payments counted after staff marked the invoice settled with nothing received are booked too (to suspense). */
    public boolean booksLatePayments() {
        return model >= LATE_PAYMENTS_MODEL;
    }

    public long settledMsat(PaymentMethod method) {
        return method == PaymentMethod.BTC_LN ? lightningMsat : onchainMsat;
    }

    public long suspenseMsat(SuspenseKind kind, PaymentMethod method) {
        boolean lightning = method == PaymentMethod.BTC_LN;
        return switch (kind) {
            case OVERPAID -> lightning ? lightningOverpaidMsat : onchainOverpaidMsat;
            case PAID_TO_EXPIRED -> lightning ? lightningPaidToExpiredMsat : onchainPaidToExpiredMsat;
            case AFTER_MONITORING, UNMATCHED -> 0;
        };
    }

    /** The same booking with the part of its Lightning amounts that internal payments brought out of {@code account}. */
    SettlementBooking funded(long fundedMsat, NewLedgerAccount account) {
        if (fundedMsat == lightningFundedMsat && java.util.Objects.equals(account, fundedBy)) {
            return this;
        }
        return new SettlementBooking(
                postings,
                onchainMsat,
                lightningMsat,
                onchainOverpaidMsat,
                lightningOverpaidMsat,
                onchainPaidToExpiredMsat,
                lightningPaidToExpiredMsat,
                model,
                fundedMsat,
                fundedMsat == 0 ? null : account);
    }

    /** Reverse everything booked: the position goes back to zero (a posting that undoes every earlier one). */
    public SettlementBooking reversed() {
        return new SettlementBooking(postings + 1, 0, 0, 0, 0, 0, 0, model);
    }

    SettlementBooking settle(long onchain, long lightning, long onchainOverpaid, long lightningOverpaid) {
        return new SettlementBooking(postings + 1, onchain, lightning, onchainOverpaid, lightningOverpaid, 0, 0, model);
    }

    /** The overpaid part of each rail grown by later payments; the same booking when it did not change. */
    SettlementBooking overpaid(long onchainOverpaid, long lightningOverpaid) {
        if (onchainOverpaid == onchainOverpaidMsat && lightningOverpaid == lightningOverpaidMsat) {
            return this;
        }
        return new SettlementBooking(
                postings + 1,
                onchainMsat,
                lightningMsat,
                onchainOverpaid,
                lightningOverpaid,
                onchainPaidToExpiredMsat,
                lightningPaidToExpiredMsat,
                model,
                lightningFundedMsat,
                fundedBy);
    }

    /** The confirmed payments to the expired invoice, in suspense; the same booking when they did not change. */
    SettlementBooking paidToExpired(long onchain, long lightning) {
        if (onchain == onchainPaidToExpiredMsat && lightning == lightningPaidToExpiredMsat) {
            return this;
        }
        return new SettlementBooking(
                postings + 1,
                onchainMsat,
                lightningMsat,
                onchainOverpaidMsat,
                lightningOverpaidMsat,
                onchain,
                lightning,
                model,
                lightningFundedMsat,
                fundedBy);
    }
}
