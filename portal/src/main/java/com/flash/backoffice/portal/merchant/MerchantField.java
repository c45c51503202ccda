package com.flash.backoffice.portal.merchant;

/** Form fields that validation messages attach to. */
public enum MerchantField {
    NAME,
    DEFAULT_CURRENCY,
    DERIVATION_SCHEME,
    LIGHTNING_CONNECTION,
    SPEED_POLICY,
    INVOICE_EXPIRY_MINUTES,
    MONITORING_MINUTES,
    PAYMENT_TOLERANCE_PCT,
    PROCESSING_FEE_PCT,
    PAYOUT_DESTINATION,
    PAYOUT_SCHEDULE,
    ONCHAIN_CUSTODY
}
