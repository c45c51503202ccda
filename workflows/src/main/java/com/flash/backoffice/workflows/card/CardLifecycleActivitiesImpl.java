package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.CardChange;
import com.flash.backoffice.db.card.CardLifecycle;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import org.springframework.stereotype.Component;

@Component
public class CardLifecycleActivitiesImpl implements CardLifecycleActivities {

    private final CardRepository cards;
    private final CardLifecycle lifecycle;

    public CardLifecycleActivitiesImpl(CardRepository cards, CardLifecycle lifecycle) {
        this.cards = cards;
        this.lifecycle = lifecycle;
    }

    @Override
    public CardState current(String cardId) {
        return cards.findById(cardId).orElseThrow().state();
    }

    @Override
    public boolean change(CardChange change) {
        return lifecycle.change(change);
    }

    @Override
    public String replace(CardChange lost, String replacementCardId) {
        return lifecycle.replace(lost, replacementCardId).orElse(null);
    }
}
