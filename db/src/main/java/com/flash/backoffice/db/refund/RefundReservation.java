package com.flash.backoffice.db.refund;

/**
 * What the approval's reservation did: reserved {@code amountMsat} (fixed now for Fiat) and moved the refund to
 * AWAITING_CLAIM, or refused and cancelled it with {@code refusal} as the reason. The same answer on a retry.
 */
public record RefundReservation(boolean reserved, long amountMsat, String refusal) {

    public static RefundReservation reserved(long amountMsat) {
        return new RefundReservation(true, amountMsat, null);
    }

    public static RefundReservation refused(long amountMsat, String refusal) {
        return new RefundReservation(false, amountMsat, refusal);
    }
}
