package com.flash.backoffice.db.card;

/** How value came to a card: the holder's LNURL-pay over Lightning, or FINANCE's manual top-up. */
public enum TopUpKind {
    LIGHTNING,
    MANUAL
}
