package com.flash.backoffice.db.card;

/**
 * OPEN: its invoice is unpaid, or the manual top-up awaits its decision. CREDITED: on the card's balance. SUSPENSE:
 * paid to a card that can hold nothing any more (retired, or lost with no replacement), so in suspense for staff.
 * CANCELLED: a manual top-up rejected, expired or refused.
 */
public enum TopUpState {
    OPEN,
    CREDITED,
    SUSPENSE,
    CANCELLED
}
