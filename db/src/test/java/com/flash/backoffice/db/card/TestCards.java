package com.flash.backoffice.db.card;

import com.flash.backoffice.db.support.RandomIds;
import java.util.List;

/** Test cards in a database: programmed and awaiting activation, or activated by their holder. */
final class TestCards {

    private final CardRepository cards;
    private final CardLifecycle lifecycle;

    TestCards(CardRepository cards, CardLifecycle lifecycle) {
        this.cards = cards;
        this.lifecycle = lifecycle;
    }

    Card pending(CardProgramme in) {
        Card card = cards.issueBatch(in.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        cards.programmed(card.id(), RandomIds.randomHex(16), 0);
        return cards.findById(card.id()).orElseThrow();
    }

    Card active(CardProgramme in) {
        Card card = pending(in);
        lifecycle.change(new CardChange(
                card.id(),
                1,
                CardState.ACTIVATION_PENDING,
                CardState.ACTIVE,
                "holder",
                List.of(),
                false,
                CardReason.ACTIVATED_BY_HOLDER,
                null));
        return cards.findById(card.id()).orElseThrow();
    }
}
