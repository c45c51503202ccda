package com.flash.backoffice.portal.card.balance;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardMovement;
import com.flash.backoffice.db.card.CardPins;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.portal.card.topup.LnurlTopUps;
import com.flash.backoffice.workflows.card.CardTaps;
import com.flash.backoffice.workflows.card.TapOutcome;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The holder's balance page, opened by a tap (no login: the card's signature is the credential). The tap is verified
 * and its counter spent like a payment's, so a copied URL shows nothing a second time; its k1 can pay nothing. The
 * page carries a fresh LNURL-pay link to top the card up.
 */
@Service
public class CardBalanceService {

    static final int MOVEMENTS = 10;

    /** What the page shows: the balance and the newest movements, or why it cannot be shown. */
    sealed interface BalanceAnswer {

        /**
         * {@code topUpLnurl}: a new LNURL-pay link (LUD-06) that tops this card up, open for an hour. {@code pinChoice}:
         * set when the card has a PIN limit and no PIN, so the page lets the holder choose one.
         */
        record Shown(
                String cardId, long balanceMsat, List<CardMovement> movements, String topUpLnurl, PinChoice pinChoice)
                implements BalanceAnswer {}

        /** {@code malformed}: p or c is not a Bolt Card's at all (400); otherwise a refused tap (403). */
        record Refused(String reason, boolean malformed) implements BalanceAnswer {}
    }

    /** The PIN form's token (the tap's k1, good for this page only) and the amount from which the PIN is asked. */
    record PinChoice(String k1, long pinLimitMsat) {}

    /** The answer to a PIN chosen on the page: empty when it is set, else why not (and nothing was written). */
    record PinAnswer(java.util.Optional<String> refusal) {

        boolean chosen() {
            return refusal.isEmpty();
        }
    }

    private final CardTaps taps;
    private final CardWithdrawals withdrawals;
    private final LnurlTopUps topUps;
    private final CardPins pins;

    CardBalanceService(CardTaps taps, CardWithdrawals withdrawals, LnurlTopUps topUps, CardPins pins) {
        this.taps = taps;
        this.withdrawals = withdrawals;
        this.topUps = topUps;
        this.pins = pins;
    }

    @PreAuthorize("permitAll()")
    BalanceAnswer balance(String p, String c) {
        return switch (taps.tap(p, c)) {
            case TapOutcome.Malformed malformed -> new BalanceAnswer.Refused(malformed.reason(), true);
            case TapOutcome.Refused refused -> new BalanceAnswer.Refused(refused.reason(), false);
            case TapOutcome.Accepted accepted -> {
                withdrawals.closeForBalance(accepted.tapId(), UtcTimestamps.now());
                Card card = accepted.card();
                yield new BalanceAnswer.Shown(
                        card.id(),
                        withdrawals.balanceMsat(card.id()),
                        withdrawals.statement(card.id(), MOVEMENTS),
                        topUps.openLink(card.id()),
                        card.pinLimitMsat() != null && !card.hasPin()
                                ? new PinChoice(accepted.k1(), card.pinLimitMsat())
                                : null);
            }
        };
    }

    /** The holder's PIN from the balance page's form: typed twice, 4 to 6 digits, for a card that has none. */
    @PreAuthorize("permitAll()")
    PinAnswer choosePin(String k1, String pin, String repeated) {
        if (pin != null && repeated != null && !pin.strip().equals(repeated.strip())) {
            return new PinAnswer(java.util.Optional.of("The two PINs differ: type the same PIN twice"));
        }
        return new PinAnswer(pins.chooseOnBalancePage(k1, pin == null ? null : pin.strip(), UtcTimestamps.now()));
    }
}
