package com.flash.backoffice.portal.card;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.NewCardProgramme;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.workflows.card.BoltCardEmulator;
import com.flash.backoffice.workflows.card.CardKeyDerivation;
import com.flash.backoffice.workflows.card.CardKeyVault;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Test cards: a programme of its own with a fresh issuer key, and active cards on it with a balance. */
public final class ActiveCards {

    public static final long SAT = 1_000;

    private final CardRepository cards;
    private final CardWithdrawals withdrawals;
    private final byte[] issuerKey = CardKeyVault.newIssuerKey();
    private final CardProgramme programme;

    public ActiveCards(CardRepository cards, CardWithdrawals withdrawals, CardKeyVault vault) {
        this(cards, withdrawals, vault, 50_000 * SAT, 200_000 * SAT);
    }

    /** A programme whose cards pay up to {@code perTapMsat} a tap and {@code dailyMsat} a rolling day. */
    public ActiveCards(
            CardRepository cards, CardWithdrawals withdrawals, CardKeyVault vault, long perTapMsat, long dailyMsat) {
        this(cards, withdrawals, vault, perTapMsat, dailyMsat, null);
    }

    /** As above, with a PIN asked from {@code pinLimitMsat} (null: never). */
    public ActiveCards(
            CardRepository cards,
            CardWithdrawals withdrawals,
            CardKeyVault vault,
            long perTapMsat,
            long dailyMsat,
            Long pinLimitMsat) {
        this.cards = cards;
        this.withdrawals = withdrawals;
        String id = RandomIds.newId();
        this.programme = cards.createProgramme(new NewCardProgramme(
                id, "Test cards " + id, vault.seal(id, issuerKey), perTapMsat, dailyMsat, pinLimitMsat, 30, "fiona"));
    }

    /** A new physical card of this programme (its UID never stored). */
    public BoltCardEmulator emulator() {
        return BoltCardEmulator.fresh(issuerKey);
    }

    /** The card record of {@code emulator}, programmed and active, topped up with {@code msat}. */
    public Card active(BoltCardEmulator emulator, long msat) {
        Card card = cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        cards.programmed(card.id(), HexFormat.of().formatHex(CardKeyDerivation.id(issuerKey, emulator.uid())), 0);
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        if (msat > 0) {
            withdrawals.creditFromLightning(card.id(), msat, "card-" + card.id() + "-top-up", "Top-up", Instant.now());
        }
        return card;
    }
}
