package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.TopUpCredit;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Writes a manual top-up's steps; each is idempotent, so a retry after a crash books nothing twice. */
@ActivityInterface(namePrefix = "CardTopUp")
public interface CardTopUpActivities {

    /** Stores the request and its audit entry in one transaction. */
    @ActivityMethod
    void record(ManualTopUpRequest request);

    /** Credits the approved top-up once (or cancels it when no card can take value). */
    @ActivityMethod
    TopUpCredit credit(String topUpId);

    @ActivityMethod
    void cancel(String topUpId, String note);
}
