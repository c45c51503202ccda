package com.flash.backoffice.workflows.payout;

import io.temporal.activity.ActivityInterface;

/** The payout workflow's I/O; each method is idempotent by payout id and revision. */
@ActivityInterface(namePrefix = "Payout")
public interface PayoutActivities {

    /**
     * Stores the step unless this revision (or a newer one) is stored; a completion books the payment and its fee,
     * a cancellation releases the reservation, in the same transaction.
     */
    void saveStep(PayoutStep step);
}
