package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.PayoutSettings;
import com.flash.backoffice.portal.mail.EmailAddresses;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/** Checks payout settings; the messages are the ones the merchant page shows beside each field. */
final class PayoutSettingsRules {

    static final int MAX_BTC_DECIMALS = 11;
    private static final BigDecimal MAX_BTC = new BigDecimal("21000000");

    private PayoutSettingsRules() {}

    static Map<PayoutSettingsField, String> check(PayoutSettingsDraft draft) {
        Map<PayoutSettingsField, String> errors = new EnumMap<>(PayoutSettingsField.class);
        BigDecimal btc = draft.autoApproveBelowBtc();
        if (btc == null) {
            errors.put(
                    PayoutSettingsField.AUTO_APPROVE_BELOW,
                    "Enter an amount in BTC (0: every payout needs a person's approval).");
        } else if (btc.signum() < 0) {
            errors.put(PayoutSettingsField.AUTO_APPROVE_BELOW, "The amount must be 0 or more.");
        } else if (Math.max(0, btc.stripTrailingZeros().scale()) > MAX_BTC_DECIMALS) {
            errors.put(
                    PayoutSettingsField.AUTO_APPROVE_BELOW, "At most 11 decimal places (1 msat = 0.00000000001 BTC).");
        } else if (btc.compareTo(MAX_BTC) > 0) {
            errors.put(PayoutSettingsField.AUTO_APPROVE_BELOW, "At most 21,000,000 BTC.");
        }
        String email = email(draft.contactEmail());
        if (email != null && !EmailAddresses.isValid(email)) {
            errors.put(PayoutSettingsField.CONTACT_EMAIL, "Not an e-mail address: " + email);
        }
        return errors;
    }

    /** The settings to store; only for a draft that {@link #check} passed. */
    static PayoutSettings settings(String merchantId, PayoutSettingsDraft draft) {
        return new PayoutSettings(
                merchantId, Msat.ofBtc(draft.autoApproveBelowBtc()).msat(), email(draft.contactEmail()));
    }

    private static String email(String typed) {
        String trimmed = typed == null ? "" : typed.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
