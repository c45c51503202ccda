package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.CardReason;
import java.util.List;

/**
 * A person's command to a card: who, with which roles (a holder who entered the activation code has none), the
 * reason code and a note.
 */
public record CardCommand(String by, List<String> roles, CardReason reason, String note) {

    /** The holder, after the portal checked the activation code printed on the card's carrier. */
    public static CardCommand holder(String note) {
        return new CardCommand("holder", List.of(), CardReason.ACTIVATED_BY_HOLDER, note);
    }

    boolean byHolder() {
        return roles.isEmpty() && "holder".equals(by);
    }
}
