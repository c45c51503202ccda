package com.flash.backoffice.db.card;

import com.flash.backoffice.db.support.RandomIds;
import java.util.List;

/** Test cards in a database: programmed and awaiting activation, activated by their holder, or active and funded. */
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

    /** An active card of {@code in} holding {@code msat}, credited as a Lightning top-up. */
    static Card funded(CardRepository cards, CardWithdrawals withdrawals, CardProgramme in, long msat) {
        Card card = cards.issueBatch(in.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        cards.programmed(card.id(), RandomIds.randomHex(16), 0);
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        withdrawals.creditFromLightning(
                card.id(), msat, "card-" + card.id() + "-test-top-up", "test top-up", java.time.Instant.now());
        return card;
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
