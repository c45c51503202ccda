package com.flash.backoffice.db.card;

/** Why a tap was refused, in the words the tapping wallet shows (LUD-03's {@code reason}). */
public enum TapRefusal {
    UNKNOWN_CARD("Unknown card"),
    NOT_AUTHENTIC("The card's signature is not valid"),
    REPLAYED("This tap was already used: tap the card again"),
    NOT_ACTIVATED("The card is not activated yet"),
    FROZEN("The card is frozen"),
    DEAD("The card is no longer valid");

    private final String reason;

    TapRefusal(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    static TapRefusal forState(CardState state) {
        return switch (state) {
            case ISSUED, ACTIVATION_PENDING -> NOT_ACTIVATED;
            case FROZEN -> FROZEN;
            case LOST, RETIRED -> DEAD;
            case ACTIVE -> REPLAYED;
        };
    }
}
