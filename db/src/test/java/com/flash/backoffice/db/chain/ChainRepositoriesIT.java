package com.flash.backoffice.db.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invoice addresses, Lightning invoices, watcher cursors and leases on MariaDB. */
class ChainRepositoriesIT {

    private static TestDatabase database;
    private static DSLContext dsl;
    private static Merchant merchant;
    private static InvoiceRepository invoices;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("chain_repositories_it");
        dsl = database.dsl();
        merchant = new MerchantRepository(dsl).create(NewMerchant.withDefaults("Chain shop", "EUR"));
        invoices = new InvoiceRepository(dsl);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void watched_addresses_are_those_of_monitored_invoices_allocated_since_a_moment() {
        InvoiceAddressRepository addresses = new InvoiceAddressRepository(dsl);
        Instant now = UtcTimestamps.now();
        Invoice open = invoice(now, Duration.ofDays(1));
        Invoice closed = invoice(now.minus(Duration.ofDays(3)), Duration.ofDays(1));
        addresses.insert(new InvoiceAddress("bcrt1qopen", open.id(), merchant.id(), 10, now));
        addresses.insert(new InvoiceAddress("bcrt1qclosed", closed.id(), merchant.id(), 11, now));

        assertThat(addresses.findWatched(now, Instant.EPOCH))
                .extracting(WatchedAddress::address, WatchedAddress::speedPolicy)
                .contains(org.assertj.core.groups.Tuple.tuple("bcrt1qopen", SpeedPolicy.LOW_MEDIUM))
                .noneMatch(tuple -> tuple.toList().contains("bcrt1qclosed"));
        assertThat(addresses.findWatched(now, now.plusSeconds(1))).isEmpty();
        assertThat(addresses.findByInvoice(open.id()))
                .map(InvoiceAddress::derivationIndex)
                .hasValue(10L);
        assertThat(addresses.findByAddress("bcrt1qopen"))
                .map(InvoiceAddress::invoiceId)
                .hasValue(open.id());
    }

    @Test
    void flash_wallet_addresses_have_no_derivation_index_keep_their_custody_and_are_watched_too() {
        InvoiceAddressRepository addresses = new InvoiceAddressRepository(dsl);
        Instant now = UtcTimestamps.now();
        Invoice first = invoice(now, Duration.ofDays(1));
        Invoice second = invoice(now, Duration.ofDays(1));
        addresses.insert(InvoiceAddress.flashWallet("bcrt1qflashone", first.id(), merchant.id(), now));
        addresses.insert(InvoiceAddress.flashWallet("bcrt1qflashtwo", second.id(), merchant.id(), now));

        assertThat(addresses.findByInvoice(first.id()).orElseThrow())
                .extracting(InvoiceAddress::custody, InvoiceAddress::derivationIndex)
                .containsExactly(OnchainCustody.FLASH_WALLET, null);
        assertThat(addresses.custodyOf(second.id())).hasValue(OnchainCustody.FLASH_WALLET);
        assertThat(addresses.findWatched(now, Instant.EPOCH))
                .extracting(WatchedAddress::address)
                .contains("bcrt1qflashone", "bcrt1qflashtwo");
        assertThat(addresses.findAllocatedSince(Instant.EPOCH))
                .extracting(WatchedAddress::address)
                .contains("bcrt1qflashone", "bcrt1qflashtwo");
        assertThatThrownBy(() -> dsl.execute(
                        "INSERT INTO invoice_address (address, invoice_id, merchant_id, derivation_index, custody)"
                                + " VALUES ('bcrt1qbad', ?, ?, NULL, 'MERCHANT_WALLET')",
                        first.id(),
                        merchant.id()))
                .as("a merchant-wallet address without a derivation index")
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void every_invoice_address_is_watched_for_good_closed_invoices_included() {
        InvoiceAddressRepository addresses = new InvoiceAddressRepository(dsl);
        Instant now = UtcTimestamps.now();
        Invoice open = invoice(now, Duration.ofDays(1));
        Invoice closed = invoice(now.minus(Duration.ofDays(3)), Duration.ofDays(1));
        addresses.insert(new InvoiceAddress("bcrt1qforgoodopen", open.id(), merchant.id(), 30, now));
        addresses.insert(new InvoiceAddress("bcrt1qforgoodclosed", closed.id(), merchant.id(), 31, now));

        assertThat(addresses.findAllocatedSince(Instant.EPOCH))
                .extracting(WatchedAddress::address)
                .contains("bcrt1qforgoodopen", "bcrt1qforgoodclosed");
        assertThat(addresses.findAllocatedSince(now.plusSeconds(1))).isEmpty();
    }

    @Test
    void a_derivation_index_is_never_stored_twice_for_a_merchant() {
        InvoiceAddressRepository addresses = new InvoiceAddressRepository(dsl);
        Instant now = UtcTimestamps.now();
        Invoice invoice = invoice(now, Duration.ofDays(1));
        addresses.insert(new InvoiceAddress("bcrt1qfirst", invoice.id(), merchant.id(), 20, now));

        assertThatThrownBy(() ->
                        addresses.insert(new InvoiceAddress("bcrt1qsecond", invoice.id(), merchant.id(), 20, now)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void lightning_invoices_are_found_by_payment_hash_and_by_monitored_invoice() {
        InvoiceLightningRepository lightning = new InvoiceLightningRepository(dsl);
        Instant now = UtcTimestamps.now();
        Invoice invoice = invoice(now, Duration.ofDays(1));
        InvoiceLightning stored = new InvoiceLightning(
                "ab".repeat(32), invoice.id(), "lnd-a", "lnbcrt1...", 5_000, 7, now.plusSeconds(900), now);
        lightning.insert(stored);

        assertThat(lightning.findByPaymentHash("ab".repeat(32))).contains(stored);
        assertThat(lightning.findByInvoice(invoice.id())).contains(stored);
        assertThat(lightning.findMonitored("lnd-a", now)).contains(stored);
        assertThat(lightning.findMonitored("lnd-b", now)).isEmpty();
    }

    @Test
    void cursors_are_stored_per_node_and_the_settle_index_only_moves_forward() {
        WatcherCursorRepository cursors = new WatcherCursorRepository(dsl);

        assertThat(cursors.chainCursor("node-1")).isEmpty();
        cursors.saveChainCursor(new ChainCursor("node-1", 100, "aa".repeat(32)));
        cursors.saveChainCursor(new ChainCursor("node-1", 98, "bb".repeat(32))); // a reorg moves it back
        assertThat(cursors.chainCursor("node-1")).contains(new ChainCursor("node-1", 98, "bb".repeat(32)));

        cursors.saveSettleIndex("lnd-1", 5);
        cursors.saveSettleIndex("lnd-1", 3);
        assertThat(cursors.settleIndex("lnd-1")).hasValue(5);
        assertThat(cursors.settleIndex("lnd-2")).isEmpty();
    }

    @Test
    void a_lease_belongs_to_one_owner_until_it_expires_or_is_released() {
        WatcherLeaseRepository leases = new WatcherLeaseRepository(dsl);
        Instant now = UtcTimestamps.now();
        Duration ttl = Duration.ofSeconds(30);

        assertThat(leases.tryAcquire("chain:x", "a", ttl, now)).isTrue();
        assertThat(leases.tryAcquire("chain:x", "b", ttl, now.plusSeconds(10))).isFalse();
        assertThat(leases.tryAcquire("chain:x", "a", ttl, now.plusSeconds(20)))
                .as("renewed")
                .isTrue();
        assertThat(leases.tryAcquire("chain:x", "b", ttl, now.plusSeconds(45)))
                .as("still renewed")
                .isFalse();
        assertThat(leases.tryAcquire("chain:x", "b", ttl, now.plusSeconds(51)))
                .as("expired")
                .isTrue();

        leases.release("chain:x", "a"); // not the holder: no effect
        assertThat(leases.tryAcquire("chain:x", "a", ttl, now.plusSeconds(52))).isFalse();
        leases.release("chain:x", "b");
        assertThat(leases.tryAcquire("chain:x", "a", ttl, now.plusSeconds(53))).isTrue();
    }

    @Test
    void the_gap_counts_the_merchant_key_addresses_after_the_last_one_paid_on_chain() {
        Merchant gapShop = new MerchantRepository(dsl).create(NewMerchant.withDefaults("Gap shop", "EUR"));
        InvoiceAddressRepository addresses = new InvoiceAddressRepository(dsl);
        Instant now = UtcTimestamps.now();
        assertThat(addresses.unusedGap(gapShop.id())).isZero();
        for (int index = 0; index < 5; index++) {
            Invoice invoice = invoice(gapShop, now, Duration.ofDays(1));
            addresses.insert(new InvoiceAddress("bcrt1qgap" + index, invoice.id(), gapShop.id(), index, now));
        }
        Invoice flashWallet = invoice(gapShop, now, Duration.ofDays(1));
        addresses.insert(InvoiceAddress.flashWallet("bcrt1qgapflash", flashWallet.id(), gapShop.id(), now));
        assertThat(addresses.unusedGap(gapShop.id()))
                .as("no address is used yet; Flash's wallet addresses are not on the merchant's key")
                .isEqualTo(5);

        String paidInvoice = addresses.findByAddress("bcrt1qgap1").orElseThrow().invoiceId();
        invoices.upsertPayment(paidInvoice, payment(PaymentMethod.BTC_CHAIN, "bcrt1qgap1", now));
        assertThat(addresses.unusedGap(gapShop.id())).isEqualTo(3);

        String lightningPaid =
                addresses.findByAddress("bcrt1qgap4").orElseThrow().invoiceId();
        invoices.upsertPayment(lightningPaid, payment(PaymentMethod.BTC_LN, "lnbcrt1gap", now));
        assertThat(addresses.unusedGap(gapShop.id()))
                .as("an invoice paid over Lightning leaves its address unused on chain")
                .isEqualTo(3);
    }

    @Test
    void open_anonymous_invoices_are_new_unpaid_unexpired_and_marked() {
        Merchant shop = new MerchantRepository(dsl).create(NewMerchant.withDefaults("Anonymous shop", "EUR"));
        Instant now = UtcTimestamps.now();
        Invoice first = invoice(shop, now.minusSeconds(60), Duration.ofDays(1));
        Invoice second = invoice(shop, now, Duration.ofDays(1));
        Invoice expired = invoice(shop, now.minus(Duration.ofHours(1)), Duration.ofDays(1));
        Invoice paid = invoice(shop, now, Duration.ofDays(1));
        invoice(shop, now, Duration.ofDays(1));
        for (Invoice invoice : java.util.List.of(first, second, expired, paid)) {
            invoices.markAnonymous(invoice.id());
        }
        invoices.upsertPayment(paid.id(), payment(PaymentMethod.BTC_LN, "lnbcrt1anon", now));
        dsl.execute("UPDATE invoice SET paid_msat = 1000 WHERE id = ?", paid.id());

        var open = invoices.openAnonymous(shop.id(), now);

        assertThat(open.count())
                .as("first and second; not the expired, paid or signed-in ones")
                .isEqualTo(2);
        assertThat(open.firstExpiry()).isEqualTo(first.expiresAt());
        assertThat(invoices.openAnonymous(merchant.id(), now).count()).isZero();
        assertThat(invoices.openAnonymous(merchant.id(), now).firstExpiry()).isNull();
    }

    private static InvoicePayment payment(PaymentMethod method, String destination, Instant now) {
        return new InvoicePayment(
                method, destination + ":0", destination, 1_000L, 1, false, PaymentStatus.CONFIRMED, now);
    }

    private static Invoice invoice(Instant createdAt, Duration monitoring) {
        return invoice(merchant, createdAt, monitoring);
    }

    private static Invoice invoice(Merchant merchant, Instant createdAt, Duration monitoring) {
        Instant expiresAt = createdAt.plus(Duration.ofMinutes(15));
        return invoices.create(new NewInvoice(
                merchant.id(),
                1_000_000L,
                "BTC",
                null,
                null,
                null,
                "{}",
                SpeedPolicy.LOW_MEDIUM,
                0,
                100,
                createdAt,
                expiresAt,
                createdAt.plus(monitoring)));
    }
}
