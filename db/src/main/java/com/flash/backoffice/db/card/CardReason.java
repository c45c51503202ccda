package com.flash.backoffice.db.card;

/** Why a card changed state: every change carries one, on the card's timeline and in the audit log. */
public enum CardReason {
    ACTIVATED_BY_HOLDER,
    ACTIVATED_BY_SUPPORT,
    HOLDER_REQUEST,
    SUSPECTED_FRAUD,
    RECOVERED,
    LOST,
    STOLEN,
    DAMAGED,
    REPLACED,
    NOT_ACTIVATED_IN_TIME,
    PIN_LOCKED,
    PROGRAMME_ENDED,
    OTHER
}
