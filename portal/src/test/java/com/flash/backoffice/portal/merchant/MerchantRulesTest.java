package com.flash.backoffice.portal.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MerchantRulesTest {

    private static MerchantDraft with(String currency, BigDecimal tolerance, Integer monitoring, String lightning) {
        MerchantDraft d = MerchantDraft.defaults();
        return new MerchantDraft(
                "Shop",
                currency,
                d.derivationScheme(),
                lightning,
                d.speedPolicy(),
                d.invoiceExpiryMinutes(),
                monitoring,
                tolerance,
                d.processingFeePct(),
                d.payoutDestination(),
                d.payoutSchedule(),
                OnchainCustody.MERCHANT_WALLET);
    }

    @Test
    void the_defaults_are_valid_without_a_key() {
        MerchantDraft draft = with("USD", BigDecimal.ZERO, 1440, "");
        assertThat(MerchantRules.check(draft, ChainNetwork.MAINNET).errors()).isEmpty();
    }

    @Test
    void a_flash_wallet_merchant_needs_no_key_but_every_merchant_needs_a_custody() {
        MerchantDraft custodial =
                MerchantDraft.defaults().withName("Shop").withOnchainCustody(OnchainCustody.FLASH_WALLET);

        assertThat(MerchantRules.check(custodial, ChainNetwork.MAINNET).errors())
                .isEmpty();
        assertThat(MerchantRules.check(custodial.withOnchainCustody(null), ChainNetwork.MAINNET)
                        .errors())
                .containsEntry(MerchantField.ONCHAIN_CUSTODY, "Choose who holds the coins of on-chain payments.");
    }

    @Test
    void percentages_take_at_most_two_decimals_between_0_and_100() {
        assertThat(MerchantRules.check(with("USD", new BigDecimal("0.125"), 1440, ""), ChainNetwork.MAINNET)
                        .errors())
                .containsEntry(MerchantField.PAYMENT_TOLERANCE_PCT, "At most two decimals.");
        assertThat(MerchantRules.check(with("USD", new BigDecimal("100.00"), 1440, ""), ChainNetwork.MAINNET)
                        .errors())
                .isEmpty();
        assertThat(MerchantRules.check(with("USD", null, 1440, ""), ChainNetwork.MAINNET)
                        .errors())
                .containsEntry(MerchantField.PAYMENT_TOLERANCE_PCT, "Required.");
    }

    @Test
    void unknown_or_lowercase_currencies_are_refused_and_btc_is_accepted() {
        assertThat(MerchantRules.check(with("XYZ1", BigDecimal.ZERO, 1440, ""), ChainNetwork.MAINNET)
                        .errors())
                .containsKey(MerchantField.DEFAULT_CURRENCY);
        assertThat(MerchantRules.check(with("usd", BigDecimal.ZERO, 1440, ""), ChainNetwork.MAINNET)
                        .errors())
                .containsKey(MerchantField.DEFAULT_CURRENCY);
        assertThat(MerchantRules.check(with("BTC", BigDecimal.ZERO, 1440, ""), ChainNetwork.MAINNET)
                        .errors())
                .isEmpty();
    }

    @Test
    void monitoring_window_and_lightning_address_are_checked() {
        var errors = MerchantRules.check(with("EUR", BigDecimal.ZERO, -1, "lnd.example"), ChainNetwork.MAINNET)
                .errors();
        assertThat(errors).containsKeys(MerchantField.MONITORING_MINUTES, MerchantField.LIGHTNING_CONNECTION);
        assertThat(MerchantRules.check(with("EUR", BigDecimal.ZERO, 0, "lnd.example:10009"), ChainNetwork.MAINNET)
                        .errors())
                .isEmpty();
    }
}
