package com.flash.backoffice.workflows.merchant;

import com.flash.backoffice.db.merchant.MerchantChangeStatus;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Writes a merchant change's steps; each is idempotent by the change's id, so a retry writes nothing twice. */
@ActivityInterface(namePrefix = "MerchantChange")
public interface MerchantChangeActivities {

    /** Stores the pending change and its audit entry in one transaction. */
    @ActivityMethod
    void record(MerchantChangeRequest request);

    /** Writes the approved change to the merchant (APPLIED), or nothing when its settings moved meanwhile (STALE). */
    @ActivityMethod
    MerchantChangeStatus apply(String changeId, String note);

    /** Ends the change unapplied: REJECTED, EXPIRED or WITHDRAWN. */
    @ActivityMethod
    void close(String changeId, MerchantChangeStatus status, String note);
}
