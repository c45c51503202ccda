package com.flash.backoffice.workflows.card;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The card's side of a tap's payment; each is idempotent (a tap no longer being paid is left as it is). */
@ActivityInterface(namePrefix = "Card")
public interface CardActivities {

    @ActivityMethod
    void paid(long tapId, long feeMsat);

    /** The tap paid an invoice of this system, whose settlement books it. */
    @ActivityMethod
    void paidInternally(long tapId);

    @ActivityMethod
    void failed(long tapId, String reason);
}
