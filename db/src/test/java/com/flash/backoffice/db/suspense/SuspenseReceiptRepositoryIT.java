package com.flash.backoffice.db.suspense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Receipts in suspense on MariaDB: idempotent recording, and resolving that can never exceed the receipt. */
class SuspenseReceiptRepositoryIT {

    private static TestDatabase database;
    private static DSLContext dsl;
    private static SuspenseReceiptRepository receipts;
    private static Merchant merchant;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("suspense_receipt_it");
        dsl = database.dsl();
        receipts = new SuspenseReceiptRepository(dsl);
        merchant = new MerchantRepository(dsl).create(NewMerchant.withDefaults("Suspense shop", "EUR"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void recording_the_same_receipt_twice_stores_it_once() {
        NewSuspenseReceipt receipt = custodial("chain-aa:0", 5_000);

        SuspenseReceipt first = receipts.record(receipt);
        SuspenseReceipt second = receipts.record(receipt);

        assertThat(second).isEqualTo(first);
        assertThat(first.openMsat()).isEqualTo(5_000);
        assertThat(receipts.findOpen(100))
                .extracting(SuspenseReceipt::receiptKey)
                .containsOnlyOnce("chain-aa:0");
    }

    @Test
    void a_note_of_a_non_custodial_receipt_names_no_ledger_entry() {
        assertThatThrownBy(() -> new NewSuspenseReceipt(
                        "chain-bb:1",
                        SuspenseKind.AFTER_MONITORING,
                        false,
                        null,
                        merchant.id(),
                        PaymentMethod.BTC_CHAIN,
                        "bb:1",
                        "bcrt1qnote",
                        1_000,
                        "some-entry",
                        Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        SuspenseReceipt note = receipts.record(new NewSuspenseReceipt(
                "chain-bb:1",
                SuspenseKind.AFTER_MONITORING,
                false,
                null,
                merchant.id(),
                PaymentMethod.BTC_CHAIN,
                "bb:1",
                "bcrt1qnote",
                1_000,
                null,
                Instant.now()));
        assertThat(note.custodial()).isFalse();
        assertThat(note.ledgerSourceKey()).isNull();
    }

    @Test
    void resolving_more_than_is_open_or_at_a_stale_revision_writes_nothing() {
        SuspenseReceipt receipt = receipts.record(custodial("chain-cc:0", 3_000));

        assertThat(receipts.resolve(receipt.id(), receipt.revision(), 3_001)).isFalse();
        assertThat(receipts.resolve(receipt.id(), receipt.revision() + 1, 1_000))
                .isFalse();
        assertThat(receipts.findById(receipt.id()).orElseThrow().resolvedMsat()).isZero();

        assertThat(receipts.resolve(receipt.id(), receipt.revision(), 1_000)).isTrue();
        SuspenseReceipt after = receipts.findById(receipt.id()).orElseThrow();
        assertThat(after.openMsat()).isEqualTo(2_000);
        assertThat(after.revision()).isEqualTo(receipt.revision() + 1);
    }

    @Test
    void two_staff_resolving_the_whole_receipt_at_once_resolve_it_once() throws Exception {
        SuspenseReceipt receipt = receipts.record(custodial("chain-dd:0", 7_000));
        int contenders = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                Callable<Boolean> resolve = () -> {
                    start.await();
                    return receipts.resolve(receipt.id(), receipt.revision(), 7_000);
                };
                results.add(pool.submit(resolve));
            }
            start.countDown();
            long won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(receipts.findById(receipt.id()).orElseThrow().openMsat()).isZero();
        assertThat(receipts.findOpen(100))
                .extracting(SuspenseReceipt::receiptKey)
                .doesNotContain("chain-dd:0");
    }

    private static NewSuspenseReceipt custodial(String key, long amountMsat) {
        return new NewSuspenseReceipt(
                key,
                SuspenseKind.UNMATCHED,
                true,
                null,
                null,
                PaymentMethod.BTC_CHAIN,
                key.substring("chain-".length()),
                "bcrt1qsuspense",
                amountMsat,
                "suspense-" + key,
                Instant.parse("2026-12-01T10:00:00Z"));
    }
}
