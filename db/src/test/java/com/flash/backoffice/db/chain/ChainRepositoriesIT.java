package com.flash.backoffice.db.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static Invoice invoice(Instant createdAt, Duration monitoring) {
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
