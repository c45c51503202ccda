package com.flash.backoffice.workflows.card;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The card's side of a tap's payment; each is idempotent (a tap no longer being paid is left as it is). */
@ActivityInterface(namePrefix = "Card")
public interface CardActivities {

    @ActivityMethod
    void paid(long tapId, long feeMsat);

    @ActivityMethod
    void failed(long tapId, String reason);
}
