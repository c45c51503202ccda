package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.CardChange;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Writes a card's state changes; each is idempotent per revision. */
@ActivityInterface(namePrefix = "CardLifecycle")
public interface CardLifecycleActivities {

    /** The card's state when its workflow starts (programming may have moved it on already). */
    @ActivityMethod
    com.flash.backoffice.db.card.CardState current(String cardId);

    /** True when applied; false when the card was no longer in the state the change starts from. */
    @ActivityMethod
    boolean change(CardChange change);

    /** Empty when applied; otherwise why the replacement was refused (nothing written). */
    @ActivityMethod
    String replace(CardChange lost, String replacementCardId);
}
