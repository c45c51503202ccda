package com.flash.backoffice.db.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On-chain batches on MariaDB: a run opens one batch, a payment joins one batch, final batches stay final. */
class PaymentBatchRepositoryIT {

    private static final AtomicInteger IDS = new AtomicInteger();

    private static TestDatabase database;
    private static DSLContext dsl;
    private static PaymentRepository payments;
    private static PaymentBatchRepository batches;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("payment_batch_it");
        dsl = database.dsl();
        payments = new PaymentRepository(dsl);
        batches = new PaymentBatchRepository(dsl);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void everyWaitingPaymentIsGathered() {
        // each test starts with no unbatched on-chain payment left over from another
        batches.open("sweep-" + IDS.incrementAndGet(), BatchCustody.HOT, 6, 10_000);
    }

    @Test
    void a_run_gathers_the_onchain_payments_handed_over_that_no_batch_holds_and_a_retried_run_gets_the_same_batch() {
        Payment first = onchain(10_000_000);
        Payment notHandedOver = payments.recordIntent(new NewPayment(
                "payout-oc-" + IDS.incrementAndGet(), PaymentKind.ONCHAIN, "bcrt1qrecorded", 1_000_000, 0));
        Payment second = onchain(20_000_000);
        Payment lightning = payments.recordIntent(
                new NewPayment("payout-ln-" + IDS.incrementAndGet(), PaymentKind.BOLT11, "lnbcrt1x", 1_000, 0));
        Payment finished = onchain(30_000_000);
        payments.finish(finished.paymentId(), PaymentOutcome.failed("ERROR", "gone"));

        PaymentBatch batch = batches.open("run-a", BatchCustody.HOT, 6, 100).orElseThrow();
        Payment late = onchain(40_000_000);
        PaymentBatch again = batches.open("run-a", BatchCustody.HOT, 6, 100).orElseThrow();

        assertThat(batch.status()).isEqualTo(BatchStatus.OPEN);
        assertThat(batch.label()).isEqualTo("payment-batch-" + batch.batchId() + "-run-a");
        assertThat(again).isEqualTo(batch);
        assertThat(batches.payments(batch.batchId()))
                .extracting(Payment::paymentId)
                .containsExactlyInAnyOrder(first.paymentId(), second.paymentId());
        assertThat(payments.find(lightning.paymentId()).orElseThrow().batchId()).isNull();
        assertThat(payments.find(notHandedOver.paymentId()).orElseThrow().batchId())
                .as("only recorded: its payer may yet find it sent alone")
                .isNull();
        assertThat(payments.find(finished.paymentId()).orElseThrow().batchId()).isNull();
        assertThat(payments.find(late.paymentId()).orElseThrow().batchId())
                .as("joins the next run's batch, not the retried one")
                .isNull();
        assertThat(batches.open("run-b", BatchCustody.HOT, 6, 100).orElseThrow().batchId())
                .isNotEqualTo(batch.batchId());
        assertThat(payments.find(late.paymentId()).orElseThrow().batchId()).isNotNull();
    }

    @Test
    void a_run_with_nothing_waiting_opens_no_batch() {
        long before = dsl.fetchCount(DSL.table("payment_batch"));

        assertThat(batches.open("run-empty", BatchCustody.COLD, 6, 100)).isEmpty();
        assertThat(dsl.fetchCount(DSL.table("payment_batch"))).isEqualTo(before);
    }

    @Test
    void a_batch_takes_at_most_its_limit_oldest_first() {
        Payment oldest = onchain(1_000_000);
        Payment newer = onchain(2_000_000);

        PaymentBatch batch = batches.open("run-limit", BatchCustody.HOT, 3, 1).orElseThrow();

        assertThat(batches.payments(batch.batchId()))
                .extracting(Payment::paymentId)
                .containsExactly(oldest.paymentId());
        assertThat(payments.find(newer.paymentId()).orElseThrow().batchId()).isNull();
        assertThatThrownBy(() -> batches.open("run-zero", BatchCustody.HOT, 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrent_runs_never_put_a_payment_in_two_batches_and_later_runs_gather_what_they_skipped() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(onchain(1_000_000 + i * 1_000L).paymentId());
        }
        int runs = 6;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<PaymentBatch>>> opened = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String key = "run-concurrent-" + i;
            Callable<Optional<PaymentBatch>> open = () -> {
                start.await();
                return batches.open(key, BatchCustody.HOT, 6, 10);
            };
            opened.add(pool.submit(open));
        }
        start.countDown();
        List<String> gathered = new ArrayList<>();
        for (Future<Optional<PaymentBatch>> batch : opened) {
            batch.get().ifPresent(b -> batches.payments(b.batchId()).forEach(p -> gathered.add(p.paymentId())));
        }
        pool.shutdown();
        // a run skips the rows another run holds locked: what it skipped waits for a later run
        for (int rest = 0; ; rest++) {
            Optional<PaymentBatch> later = batches.open("run-concurrent-rest-" + rest, BatchCustody.HOT, 6, 10);
            if (later.isEmpty()) {
                break;
            }
            batches.payments(later.get().batchId()).forEach(p -> gathered.add(p.paymentId()));
        }

        assertThat(gathered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void a_cold_batch_waits_for_its_signature_then_is_broadcast_once_and_never_failed_afterwards() {
        onchain(5_000_000);
        PaymentBatch batch = batches.open("run-cold", BatchCustody.COLD, 2, 100).orElseThrow();

        PaymentBatch waiting = batches.awaitSignature(batch.batchId(), "{\"psbt\":\"cHNidP8=\"}");
        PaymentBatch noted = batches.noteRefusal(batch.batchId(), "an approved output is missing");
        PaymentBatch sent = batches.broadcast(batch.batchId(), "ab".repeat(32), 420, "treasurer");
        PaymentBatch resent = batches.broadcast(batch.batchId(), "cd".repeat(32), 999, "someone");
        PaymentBatch failed = batches.fail(batch.batchId(), "too late");

        assertThat(waiting.status()).isEqualTo(BatchStatus.AWAITING_SIGNATURE);
        assertThat(waiting.funding()).isEqualTo("{\"psbt\":\"cHNidP8=\"}");
        assertThat(noted.detail()).isEqualTo("an approved output is missing");
        assertThat(sent.status()).isEqualTo(BatchStatus.BROADCAST);
        assertThat(sent.txid()).isEqualTo("ab".repeat(32));
        assertThat(sent.feeSat()).isEqualTo(420);
        assertThat(sent.signedBy()).isEqualTo("treasurer");
        assertThat(sent.detail()).as("the refusal is history once signed").isNull();
        assertThat(resent).as("the first broadcast stays").isEqualTo(sent);
        assertThat(failed).isEqualTo(sent);
    }

    @Test
    void a_failed_batch_stays_failed_and_the_recent_list_shows_its_totals() {
        onchain(7_000_000);
        onchain(8_000_000);
        PaymentBatch batch = batches.open("run-fail", BatchCustody.HOT, 6, 100).orElseThrow();

        PaymentBatch failed = batches.fail(batch.batchId(), "insufficient funds in Flash's wallet");
        PaymentBatch after = batches.broadcast(batch.batchId(), "ef".repeat(32), 1, null);

        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(after).isEqualTo(failed);
        BatchSummary summary = batches.recent(50).stream()
                .filter(s -> s.batch().batchId() == batch.batchId())
                .findFirst()
                .orElseThrow();
        assertThat(summary.payments()).isEqualTo(2);
        assertThat(summary.amountMsat()).isEqualTo(15_000_000);
    }

    @Test
    void sending_a_batch_from_many_threads_at_once_calls_the_sender_once_and_a_throwing_sender_stores_nothing()
            throws Exception {
        onchain(9_000_000);
        PaymentBatch batch = batches.open("run-send", BatchCustody.HOT, 6, 100).orElseThrow();
        assertThatThrownBy(() -> batches.sendOnce(batch.batchId(), b -> {
                    throw new IllegalStateException("LND unreachable");
                }))
                .hasMessage("LND unreachable");
        assertThat(batches.find(batch.batchId()).orElseThrow().status()).isEqualTo(BatchStatus.OPEN);

        AtomicInteger sends = new AtomicInteger();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PaymentBatch>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return batches.sendOnce(batch.batchId(), b -> {
                    sends.incrementAndGet();
                    return BatchSendResult.sent("12".repeat(32), 300, null);
                });
            }));
        }
        start.countDown();
        for (Future<PaymentBatch> result : results) {
            assertThat(result.get().txid()).isEqualTo("12".repeat(32));
        }
        pool.shutdown();

        assertThat(sends).hasValue(1);
        assertThat(batches.find(batch.batchId()).orElseThrow().status()).isEqualTo(BatchStatus.BROADCAST);
    }

    @Test
    void a_sender_that_finds_the_batch_unsendable_fails_it_with_the_reason() {
        onchain(11_000_000);
        PaymentBatch batch =
                batches.open("run-unsendable", BatchCustody.HOT, 6, 100).orElseThrow();

        PaymentBatch failed =
                batches.sendOnce(batch.batchId(), b -> BatchSendResult.notSent("fee 900 sat above the limit 50 sat"));

        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.detail()).isEqualTo("fee 900 sat above the limit 50 sat");
        assertThat(batches.sendOnce(batch.batchId(), b -> {
                    throw new AssertionError("a final batch is never sent");
                }))
                .isEqualTo(failed);
    }

    /** An on-chain payment its payer handed over for batching. */
    private static Payment onchain(long amountMsat) {
        Payment recorded = payments.recordIntent(new NewPayment(
                "payout-oc-" + IDS.incrementAndGet(),
                PaymentKind.ONCHAIN,
                "bcrt1qexample" + IDS.get(),
                amountMsat,
                10_000_000));
        return payments.markInFlight(recorded.paymentId());
    }
}
