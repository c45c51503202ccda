package com.flash.backoffice.workflows.card;

/** Why a card's workflow refused a command. */
public enum CardFailure {
    INVALID_STATE,
    NOT_ALLOWED,
    NOT_PROGRAMMED,
    REPLACEMENT_REFUSED
}
