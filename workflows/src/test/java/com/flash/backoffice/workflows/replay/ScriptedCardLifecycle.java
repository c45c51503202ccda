package com.flash.backoffice.workflows.replay;

import com.flash.backoffice.db.card.CardChange;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.workflows.card.CardLifecycleActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory card lifecycle for the recorder: every card is programmed (awaiting activation) except one whose id ends
 * in {@code -unprogrammed}, which cannot be activated; every change applies.
 */
final class ScriptedCardLifecycle implements CardLifecycleActivities {

    final List<CardChange> changes = new CopyOnWriteArrayList<>();

    @Override
    public CardState current(String cardId) {
        return cardId.endsWith("-unprogrammed") ? CardState.ISSUED : CardState.ACTIVATION_PENDING;
    }

    @Override
    public boolean change(CardChange change) {
        if (change.cardId().endsWith("-unprogrammed") && change.from() == CardState.ACTIVATION_PENDING) {
            return false;
        }
        changes.add(change);
        return true;
    }

    @Override
    public String replace(CardChange lost, String replacementCardId) {
        changes.add(lost);
        return null;
    }
}
