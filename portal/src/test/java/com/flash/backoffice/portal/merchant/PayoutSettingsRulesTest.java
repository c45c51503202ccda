package com.flash.backoffice.portal.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.payout.PayoutSettings;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PayoutSettingsRulesTest {

    private static PayoutSettingsDraft draft(String btc, String email) {
        return new PayoutSettingsDraft(btc == null ? null : new BigDecimal(btc), email);
    }

    @Test
    void zero_up_to_eleven_decimals_and_a_plain_address_or_none_are_valid() {
        assertThat(PayoutSettingsRules.check(draft("0", null))).isEmpty();
        assertThat(PayoutSettingsRules.check(draft("0.00000000001", "  "))).isEmpty();
        assertThat(PayoutSettingsRules.check(draft("1.50000000000000", "payouts@shop.example.com")))
                .isEmpty();
        assertThat(PayoutSettingsRules.check(draft("21000000", "a.b+c@mail.example.co.uk")))
                .isEmpty();
    }

    @Test
    void the_amount_is_converted_to_msat_exactly_and_the_address_is_trimmed_or_empty_as_none() {
        assertThat(PayoutSettingsRules.settings("m1", draft("0.00123456789", " ops@shop.example ")))
                .isEqualTo(new PayoutSettings("m1", 123_456_789L, "ops@shop.example"));
        assertThat(PayoutSettingsRules.settings("m1", draft("0", ""))).isEqualTo(new PayoutSettings("m1", 0L, null));
    }

    @Test
    void a_missing_negative_too_precise_or_too_large_amount_is_refused_with_its_reason() {
        assertThat(PayoutSettingsRules.check(draft(null, null)))
                .containsEntry(
                        PayoutSettingsField.AUTO_APPROVE_BELOW,
                        "Enter an amount in BTC (0: every payout needs a person's approval).");
        assertThat(PayoutSettingsRules.check(draft("-0.00000001", null)))
                .containsEntry(PayoutSettingsField.AUTO_APPROVE_BELOW, "The amount must be 0 or more.");
        assertThat(PayoutSettingsRules.check(draft("0.000000000001", null)))
                .containsEntry(
                        PayoutSettingsField.AUTO_APPROVE_BELOW,
                        "At most 11 decimal places (1 msat = 0.00000000001 BTC).");
        assertThat(PayoutSettingsRules.check(draft("21000000.00000000001", null)))
                .containsEntry(PayoutSettingsField.AUTO_APPROVE_BELOW, "At most 21,000,000 BTC.");
        assertThat(PayoutSettingsRules.check(draft("1E+30", null)))
                .containsEntry(PayoutSettingsField.AUTO_APPROVE_BELOW, "At most 21,000,000 BTC.");
    }

    @Test
    void an_address_without_a_dotted_domain_or_with_a_display_name_or_too_long_is_refused() {
        for (String bad : new String[] {
            "payouts", "payouts@shop", "Shop <payouts@shop.example>", "a b@shop.example", "x@" + "d".repeat(250) + ".io"
        }) {
            assertThat(PayoutSettingsRules.check(draft("0", bad)))
                    .as(bad)
                    .containsEntry(PayoutSettingsField.CONTACT_EMAIL, "Not an e-mail address: " + bad);
        }
    }
}
