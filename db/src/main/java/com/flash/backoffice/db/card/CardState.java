package com.flash.backoffice.db.card;

/** A card's life: issued in a batch, activated by its holder or SUPPORT, frozen and unfrozen, then lost or retired. */
public enum CardState {
    ISSUED,
    ACTIVATION_PENDING,
    ACTIVE,
    FROZEN,
    LOST,
    RETIRED;

    /** Lost and retired cards are dead for good. */
    public boolean isFinal() {
        return this == LOST || this == RETIRED;
    }
}
