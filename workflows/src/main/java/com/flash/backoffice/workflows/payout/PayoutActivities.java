package com.flash.backoffice.workflows.payout;

import io.temporal.activity.ActivityInterface;

/** The payout workflow's I/O; each method is idempotent by payout id and revision. */
@ActivityInterface(namePrefix = "Payout")
public interface PayoutActivities {

    /** Announces the request (webhook PayoutCreated); the request itself was stored and reserved by the caller. */
    void announceRequest(String payoutId);

    /**
     * Stores the step unless this revision (or a newer one) is stored; a completion books the payment and its fee,
     * a cancellation releases the reservation, in the same transaction. Then announces it (webhooks).
     */
    void saveStep(PayoutStep step);

    /** E-mails the merchant's contact address that its payout completed or failed (nothing when it has none). */
    void notifyMerchant(PayoutStep step);
}
