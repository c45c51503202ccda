package com.flash.backoffice.db.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Payments on MariaDB: one intent per business id, one hash per payment, one final state. */
class PaymentRepositoryIT {

    private static final String HASH_A = "aa".repeat(32);
    private static final String HASH_B = "bb".repeat(32);

    private static TestDatabase database;
    private static DSLContext dsl;
    private static PaymentRepository payments;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("payment_it");
        dsl = database.dsl();
        payments = new PaymentRepository(dsl);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void recording_the_same_intent_twice_returns_the_stored_payment_and_changes_nothing() {
        NewPayment intent = new NewPayment("payout-1", PaymentKind.BOLT11, "lnbcrt1first", 5_000, 100);

        Payment first = payments.recordIntent(intent);
        Payment second =
                payments.recordIntent(new NewPayment("payout-1", PaymentKind.BOLT11, "lnbcrt1first", 5_000, 999));

        assertThat(first.status()).isEqualTo(PaymentState.RECORDED);
        assertThat(first.paymentHash()).isNull();
        assertThat(second).isEqualTo(first);
        assertThat(second.feeLimitMsat()).as("the first fee limit stays").isEqualTo(100);
        assertThat(rows("payout-1")).isEqualTo(1);
    }

    @Test
    void an_intent_with_the_same_id_but_another_destination_or_amount_is_refused_and_writes_nothing() {
        payments.recordIntent(new NewPayment("payout-2", PaymentKind.BOLT11, "lnbcrt1second", 7_000, 0));

        assertThatThrownBy(() ->
                        payments.recordIntent(new NewPayment("payout-2", PaymentKind.BOLT11, "lnbcrt1other", 7_000, 0)))
                .isInstanceOf(ConflictingPaymentException.class)
                .hasMessageContaining("payout-2")
                .hasMessageContaining("lnbcrt1other");
        assertThatThrownBy(() -> payments.recordIntent(
                        new NewPayment("payout-2", PaymentKind.BOLT11, "lnbcrt1second", 7_001, 0)))
                .isInstanceOf(ConflictingPaymentException.class)
                .hasMessageContaining("7001 msat");

        Payment stored = payments.find("payout-2").orElseThrow();
        assertThat(stored.destination()).isEqualTo("lnbcrt1second");
        assertThat(stored.amountMsat()).isEqualTo(7_000);
    }

    @Test
    void concurrent_intents_for_the_same_id_store_one_row_and_all_see_it() throws Exception {
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Payment>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                Callable<Payment> call = () -> {
                    start.await();
                    return payments.recordIntent(
                            new NewPayment("payout-race", PaymentKind.ONCHAIN, "bcrt1qrace", 9_000, 10));
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Payment> seen = new ArrayList<>();
            for (Future<Payment> result : results) {
                seen.add(result.get());
            }
            assertThat(seen).allSatisfy(p -> assertThat(p).isEqualTo(seen.get(0)));
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows("payout-race")).isEqualTo(1);
    }

    @Test
    void an_invoice_hash_is_attached_once_and_never_to_a_second_payment() {
        payments.recordIntent(new NewPayment("payout-3", PaymentKind.BOLT11, "lnbcrt1third", 1_000, 0));
        payments.recordIntent(new NewPayment("payout-4", PaymentKind.BOLT11, "lnbcrt1third-again", 1_000, 0));

        Payment attached = payments.attachInvoice("payout-3", "lnbcrt1third", HASH_A);
        Payment again = payments.attachInvoice("payout-3", "lnbcrt1third", HASH_A);

        assertThat(attached.paymentHash()).isEqualTo(HASH_A);
        assertThat(attached.bolt11()).isEqualTo("lnbcrt1third");
        assertThat(again.paymentHash()).isEqualTo(HASH_A);
        assertThatThrownBy(() -> payments.attachInvoice("payout-3", "lnbcrt1third", HASH_B))
                .isInstanceOf(ConflictingPaymentException.class)
                .hasMessageContaining(HASH_A);
        assertThatThrownBy(() -> payments.attachInvoice("payout-4", "lnbcrt1third", HASH_A))
                .isInstanceOf(ConflictingPaymentException.class)
                .hasMessageContaining("paid by payout-3");
        assertThat(payments.find("payout-4").orElseThrow().paymentHash()).isNull();
        assertThat(payments.findByHash(HASH_A).orElseThrow().paymentId()).isEqualTo("payout-3");
    }

    @Test
    void the_first_final_state_is_kept() {
        payments.recordIntent(new NewPayment("payout-5", PaymentKind.BOLT11, "lnbcrt1fifth", 2_000, 50));

        Payment inFlight = payments.markInFlight("payout-5");
        Payment succeeded = payments.finish("payout-5", PaymentOutcome.succeeded(3, "cc".repeat(32)));
        Payment later = payments.finish("payout-5", PaymentOutcome.failed("NO_ROUTE", "too late"));
        Payment notBack = payments.markInFlight("payout-5");

        assertThat(inFlight.status()).isEqualTo(PaymentState.IN_FLIGHT);
        assertThat(succeeded.status()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(succeeded.feeMsat()).isEqualTo(3);
        assertThat(succeeded.proof()).isEqualTo("cc".repeat(32));
        assertThat(later).isEqualTo(succeeded);
        assertThat(notBack).isEqualTo(succeeded);
    }

    @Test
    void a_failed_payment_keeps_its_failure_and_the_nodes_words() {
        payments.recordIntent(new NewPayment("payout-6", PaymentKind.BOLT11, "lnbcrt1sixth", 2_000, 50));

        Payment failed = payments.finish("payout-6", PaymentOutcome.failed("NO_ROUTE", "FAILURE_REASON_NO_ROUTE"));

        assertThat(failed.status()).isEqualTo(PaymentState.FAILED);
        assertThat(failed.failure()).isEqualTo("NO_ROUTE");
        assertThat(failed.detail()).isEqualTo("FAILURE_REASON_NO_ROUTE");
        assertThat(failed.proof()).isNull();
    }

    @Test
    void an_intent_without_a_positive_amount_is_refused_before_the_database() {
        assertThatThrownBy(() -> new NewPayment("payout-7", PaymentKind.BOLT11, "lnbcrt1x", 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amountMsat must be positive");
        assertThatThrownBy(() -> new NewPayment("payout-7", PaymentKind.BOLT11, "lnbcrt1x", 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feeLimitMsat");
        assertThat(payments.find("payout-7")).isEmpty();
    }

    private static int rows(String paymentId) {
        return dsl.fetchCount(DSL.table("payment"), DSL.field("payment_id").eq(paymentId));
    }
}
