package com.flash.backoffice.portal.merchant;

/** Fields of the payout settings form that validation messages attach to. */
public enum PayoutSettingsField {
    AUTO_APPROVE_BELOW,
    CONTACT_EMAIL
}
