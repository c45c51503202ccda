package com.flash.backoffice.workflows.refund;

import com.flash.backoffice.db.refund.RefundReservation;
import io.temporal.activity.ActivityInterface;

/** The refund workflow's I/O; each call is idempotent by refund id and revision. */
@ActivityInterface(namePrefix = "Refund")
public interface RefundActivities {

    /** Announces the request (webhook PayoutCreated); the refund itself was stored by the start. */
    void announceRequest(String refundId);

    /**
     * Reserves the approved refund (fixing a Fiat refund's amount at today's rate) and moves it to AWAITING_CLAIM, or
     * cancels it with the reason; the same answer when retried.
     */
    RefundReservation reserve(RefundReservationOrder order);

    /** Stores the step unless its revision is stored, with its ledger entry and audit row; then announces it. */
    void saveStep(RefundStep step);

    /** E-mails the claim link to the invoice's buyer e-mail, once (nothing when the invoice has none). */
    void mailClaimLink(String refundId);

    /** Tells the refund's listeners (rewards' clawback) that it was paid, once per listener and refund. */
    void announceRefunded(String refundId);
}
