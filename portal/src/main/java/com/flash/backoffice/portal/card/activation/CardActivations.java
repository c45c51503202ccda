package com.flash.backoffice.portal.card.activation;

import com.flash.backoffice.portal.api.PublicRateLimiter;
import com.flash.backoffice.portal.card.CardCommandOutcome;
import com.flash.backoffice.portal.card.CardService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The holder's side of activation, with no login: the code printed on the card's carrier activates the card. Tries are
 * rate-limited per client address, so codes cannot be guessed.
 */
@Service
public class CardActivations {

    private final CardService cards;
    private final PublicRateLimiter limiter;

    CardActivations(CardService cards, PublicRateLimiter limiter) {
        this.cards = cards;
        this.limiter = limiter;
    }

    @PreAuthorize("permitAll()")
    public CardCommandOutcome activate(String clientAddress, String code) {
        return activate(clientAddress, code, null);
    }

    /** With the PIN the holder chose (needed when the card's programme has a PIN limit). */
    @PreAuthorize("permitAll()")
    public CardCommandOutcome activate(String clientAddress, String code, String pin) {
        if (limiter.tryTake("card-activation", clientAddress).isPresent()) {
            return new CardCommandOutcome(false, "Too many tries: wait a minute and try again");
        }
        if (code == null || code.replaceAll("[^A-Za-z0-9]", "").length() != 12) {
            return new CardCommandOutcome(
                    false, "The code has 12 letters and digits, as printed on the card's carrier");
        }
        return cards.activateWithCode(code, pin);
    }
}
