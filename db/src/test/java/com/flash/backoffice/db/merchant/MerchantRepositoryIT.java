package com.flash.backoffice.db.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.testsupport.TestDatabase;
import java.math.BigDecimal;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MerchantRepositoryIT {

    private TestDatabase database;
    private DSLContext dsl;
    private MerchantRepository merchants;

    @BeforeEach
    void migrate() {
        database = TestDatabase.migrated("merchant_repository_it");
        dsl = database.dsl();
        merchants = new MerchantRepository(dsl);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_new_merchant_gets_a_random_id_and_btcpay_defaults() {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Coffee Corner", "EUR"));

        assertThat(merchant.id()).hasSizeBetween(20, 32).matches("[1-9A-HJ-NP-Za-km-z]+");
        assertThat(merchant.speedPolicy()).isEqualTo(SpeedPolicy.MEDIUM);
        assertThat(merchant.speedPolicy().confirmations()).isEqualTo(1);
        assertThat(merchant.invoiceExpiryMinutes()).isEqualTo(15);
        assertThat(merchant.monitoringMinutes()).isEqualTo(1440);
        assertThat(merchant.processingFeePct()).isEqualByComparingTo("1.00");
        assertThat(merchant.revision()).isZero();
        assertThat(merchants.findById(merchant.id())).contains(merchant);
        assertThat(merchants.existsByName("Coffee Corner")).isTrue();
    }

    @Test
    void a_taken_name_is_refused() {
        merchants.create(NewMerchant.withDefaults("Coffee Corner", "EUR"));

        assertThatThrownBy(() -> merchants.create(NewMerchant.withDefaults("Coffee Corner", "USD")))
                .isInstanceOf(MerchantNameTakenException.class);
    }

    @Test
    void an_update_with_the_current_revision_saves_and_increments_it() {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Coffee Corner", "EUR"));

        MerchantUpdateResult result = merchants.update(withSpeed(merchant, SpeedPolicy.LOW));

        assertThat(result).isEqualTo(MerchantUpdateResult.UPDATED);
        Merchant saved = merchants.findById(merchant.id()).orElseThrow();
        assertThat(saved.speedPolicy()).isEqualTo(SpeedPolicy.LOW);
        assertThat(saved.revision()).isEqualTo(1);
    }

    @Test
    void an_update_with_a_stale_revision_is_refused() {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Coffee Corner", "EUR"));
        merchants.update(withSpeed(merchant, SpeedPolicy.LOW));

        MerchantUpdateResult result = merchants.update(withSpeed(merchant, SpeedPolicy.HIGH));

        assertThat(result).isEqualTo(MerchantUpdateResult.STALE_REVISION);
        assertThat(merchants.findById(merchant.id()).orElseThrow().speedPolicy())
                .isEqualTo(SpeedPolicy.LOW);
    }

    @Test
    void a_merchant_keeps_its_coins_in_its_own_wallet_by_default_and_can_switch_to_flash_custody() {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Custody Corner", "EUR"));
        assertThat(merchant.onchainCustody()).isEqualTo(OnchainCustody.MERCHANT_WALLET);

        MerchantUpdateResult result = merchants.update(
                merchant.id(),
                merchant.revision(),
                merchant.editableValues().withOnchainCustody(OnchainCustody.FLASH_WALLET));

        assertThat(result).isEqualTo(MerchantUpdateResult.UPDATED);
        assertThat(merchants.findById(merchant.id()).orElseThrow().onchainCustody())
                .isEqualTo(OnchainCustody.FLASH_WALLET);
    }

    @Test
    void an_update_of_an_unknown_merchant_is_not_found() {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Coffee Corner", "EUR"));
        Merchant ghost = new Merchant(
                "ghost",
                "Ghost",
                "EUR",
                null,
                null,
                SpeedPolicy.LOW,
                15,
                0,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                PayoutSchedule.MANUAL,
                0,
                merchant.revision(),
                null,
                null,
                OnchainCustody.MERCHANT_WALLET);

        assertThat(merchants.update(ghost)).isEqualTo(MerchantUpdateResult.NOT_FOUND);
    }

    @Test
    void pages_and_counts_filter_by_part_of_the_name_ignoring_case() {
        for (String name : new String[] {"Alpha Shop", "beta shop", "Gamma Bar", "100%_Shop"}) {
            merchants.create(NewMerchant.withDefaults(name, "USD"));
        }

        assertThat(merchants.findAll(0, 10, "SHOP"))
                .extracting(Merchant::name)
                .containsExactly("100%_Shop", "Alpha Shop", "beta shop");
        assertThat(merchants.findAll(1, 1, "shop")).extracting(Merchant::name).containsExactly("Alpha Shop");
        assertThat(merchants.count("shop")).isEqualTo(3);
        assertThat(merchants.count("%_")).isEqualTo(1);
        assertThat(merchants.count(null)).isEqualTo(4);
        assertThat(merchants.findAll(0, 2, " ")).hasSize(2);
    }

    @Test
    void derivation_indexes_are_handed_out_once_each() {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Coffee Corner", "EUR"));

        assertThat(merchants.allocateDerivationIndex(merchant.id())).hasValue(0);
        assertThat(merchants.allocateDerivationIndex(merchant.id())).hasValue(1);
        assertThat(merchants.allocateDerivationIndex("ghost")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "invoice_expiry_minutes = 0",
                "invoice_expiry_minutes = 10081",
                "monitoring_minutes = -1",
                "payment_tolerance_pct = -0.01",
                "payment_tolerance_pct = 100.01",
                "processing_fee_pct = -1",
                "processing_fee_pct = 101",
                "default_currency = 'usd'",
                "default_currency = 'US1'",
                "next_derivation_index = -1"
            })
    void check_constraints_refuse_out_of_range_values(String assignment) {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Coffee Corner", "EUR"));

        assertThatThrownBy(() -> dsl.execute("UPDATE merchant SET " + assignment + " WHERE id = ?", merchant.id()))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("CONSTRAINT");
    }

    @Test
    void boundary_values_are_accepted() {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Coffee Corner", "EUR"));

        dsl.execute(
                "UPDATE merchant SET invoice_expiry_minutes = 10080, monitoring_minutes = 0, "
                        + "payment_tolerance_pct = 100, processing_fee_pct = 0 WHERE id = ?",
                merchant.id());

        assertThat(merchants.findById(merchant.id()).orElseThrow().invoiceExpiryMinutes())
                .isEqualTo(10080);
    }

    private static Merchant withSpeed(Merchant m, SpeedPolicy speed) {
        return new Merchant(
                m.id(),
                m.name(),
                m.defaultCurrency(),
                m.derivationScheme(),
                m.lightningConnection(),
                speed,
                m.invoiceExpiryMinutes(),
                m.monitoringMinutes(),
                m.paymentTolerancePct(),
                m.processingFeePct(),
                m.payoutDestination(),
                m.payoutSchedule(),
                m.nextDerivationIndex(),
                m.revision(),
                m.createdAt(),
                m.updatedAt(),
                m.onchainCustody());
    }

    @Test
    void the_checkout_frame_ancestors_are_none_until_set_and_found_through_an_invoice() {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Framed shop", "EUR"));
        java.time.Instant now = java.time.Instant.now();
        var invoice = new com.flash.backoffice.db.invoice.InvoiceRepository(dsl)
                .create(new com.flash.backoffice.db.invoice.NewInvoice(
                        merchant.id(),
                        1_000L,
                        "BTC",
                        null,
                        null,
                        null,
                        "{}",
                        SpeedPolicy.MEDIUM,
                        0,
                        0,
                        now,
                        now.plusSeconds(900),
                        now.plusSeconds(900)));
        assertThat(merchants.checkoutFrameAncestors(merchant.id())).isEmpty();

        assertThat(merchants.setCheckoutFrameAncestors(merchant.id(), "https://shop.example https://*.shop.example"))
                .isTrue();

        assertThat(merchants.checkoutFrameAncestors(merchant.id()))
                .isEqualTo("https://shop.example https://*.shop.example");
        assertThat(merchants.checkoutFrameAncestorsOfInvoice(invoice.id()))
                .isEqualTo("https://shop.example https://*.shop.example");
        assertThat(merchants.checkoutFrameAncestorsOfInvoice("no-such-invoice")).isEmpty();
        assertThat(merchants.setCheckoutFrameAncestors("no-such-merchant", "")).isFalse();
    }
}
