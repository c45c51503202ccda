package com.flash.backoffice.workflows.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InvoiceAddressesIT {

    private static TestDatabase database;
    private static DSLContext dsl;
    private static MerchantRepository merchants;
    private static InvoiceRepository invoices;
    private static InvoiceAddresses addresses;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("invoice_addresses_it");
        dsl = database.dsl();
        merchants = new MerchantRepository(dsl);
        invoices = new InvoiceRepository(dsl);
        addresses = new InvoiceAddresses(
                merchants,
                new InvoiceAddressRepository(dsl),
                ChainNetwork.MAINNET,
                new SimulatedLightningNode(Clock.systemUTC(), ChainNetwork.MAINNET));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void each_invoice_gets_the_next_receive_address_of_the_merchants_key_once() {
        Merchant merchant = merchant("Keyed shop", ExtendedPublicKeysTest.BIP84_ZPUB);
        Invoice first = invoice(merchant);
        Invoice second = invoice(merchant);

        InvoiceAddress a = addresses.allocate(first.id(), merchant.id()).orElseThrow();
        InvoiceAddress again = addresses.allocate(first.id(), merchant.id()).orElseThrow();
        InvoiceAddress b = addresses.allocate(second.id(), merchant.id()).orElseThrow();

        assertThat(a.address()).isEqualTo("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"); // BIP84 vector, index 0
        assertThat(again).isEqualTo(a);
        assertThat(b.derivationIndex()).isEqualTo(1L);
        assertThat(b.address()).isEqualTo("bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g");
        assertThat(merchants.findById(merchant.id()).orElseThrow().nextDerivationIndex())
                .isEqualTo(2);
    }

    @Test
    void a_flash_wallet_merchant_needs_no_key_and_its_addresses_keep_their_custody_when_it_switches_back() {
        Merchant keyless = merchant("Custodial shop", null);
        merchants.update(
                keyless.id(),
                keyless.revision(),
                keyless.editableValues().withOnchainCustody(OnchainCustody.FLASH_WALLET));
        Invoice first = invoice(keyless);

        InvoiceAddress custodial = addresses.allocate(first.id(), keyless.id()).orElseThrow();
        Merchant switched = merchants.findById(keyless.id()).orElseThrow();
        merchants.update(
                keyless.id(),
                switched.revision(),
                switched.editableValues().withOnchainCustody(OnchainCustody.MERCHANT_WALLET));
        InvoiceAddress again = addresses.allocate(first.id(), keyless.id()).orElseThrow();

        assertThat(custodial.custody()).isEqualTo(OnchainCustody.FLASH_WALLET);
        assertThat(custodial.derivationIndex()).isNull();
        assertThat(custodial.address()).startsWith("bc1q");
        assertThat(again)
                .as("allocated before: the same address, still Flash's")
                .isEqualTo(custodial);
        assertThat(addresses.allocate(invoice(keyless).id(), keyless.id()))
                .as("back in its own wallet without a key: no on-chain payment")
                .isEmpty();
        assertThat(merchants.findById(keyless.id()).orElseThrow().nextDerivationIndex())
                .as("a Flash-wallet address uses no index of the merchant's key")
                .isZero();
    }

    @Test
    void a_merchant_without_a_key_offers_no_address() {
        Merchant merchant = merchant("Keyless shop", null);

        assertThat(addresses.allocate(invoice(merchant).id(), merchant.id())).isEmpty();
    }

    private static Merchant merchant(String name, String key) {
        NewMerchant d = NewMerchant.withDefaults(name, "EUR");
        return merchants.create(new NewMerchant(
                d.name(),
                d.defaultCurrency(),
                key,
                null,
                d.speedPolicy(),
                d.invoiceExpiryMinutes(),
                d.monitoringMinutes(),
                d.paymentTolerancePct(),
                d.processingFeePct(),
                null,
                d.payoutSchedule(),
                OnchainCustody.MERCHANT_WALLET));
    }

    private static Invoice invoice(Merchant merchant) {
        Instant now = UtcTimestamps.now();
        return invoices.create(new NewInvoice(
                merchant.id(),
                1_000L,
                "BTC",
                null,
                null,
                null,
                "{}",
                SpeedPolicy.MEDIUM,
                0,
                100,
                now,
                now.plus(Duration.ofMinutes(15)),
                now.plus(Duration.ofDays(1))));
    }
}
