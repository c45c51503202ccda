package com.flash.backoffice.workflows.invoice;

import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.MARKED;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.NONE;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.PAID_LATE;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.PAID_OVER;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.PAID_PARTIAL;
import static com.flash.backoffice.db.invoice.InvoiceStatus.EXPIRED;
import static com.flash.backoffice.db.invoice.InvoiceStatus.INVALID;
import static com.flash.backoffice.db.invoice.InvoiceStatus.NEW;
import static com.flash.backoffice.db.invoice.InvoiceStatus.PROCESSING;
import static com.flash.backoffice.db.invoice.InvoiceStatus.SETTLED;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvoiceRulesTest {

    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant EXPIRES = CREATED.plus(Duration.ofMinutes(15));
    private static final Instant MONITORING_ENDS = EXPIRES.plus(Duration.ofHours(24));
    private static final Instant BEFORE_EXPIRY = CREATED.plusSeconds(60);
    private static final Instant AFTER_EXPIRY = EXPIRES.plusSeconds(60);
    private static final long AMOUNT = 100_000L;

    @ParameterizedTest(name = "{0} rbf={1} under {2} needs {3}")
    @CsvSource({
        "BTC_CHAIN, false, HIGH, 0",
        "BTC_CHAIN, false, MEDIUM, 1",
        "BTC_CHAIN, false, LOW_MEDIUM, 2",
        "BTC_CHAIN, false, LOW, 6",
        "BTC_CHAIN, true, HIGH, 1",
        "BTC_CHAIN, true, MEDIUM, 1",
        "BTC_CHAIN, true, LOW, 6",
        "BTC_LN, false, LOW, 0",
        "BTC_LN, true, LOW, 0"
    })
    void required_confirmations_follow_the_speed_policy_and_rbf(
            PaymentMethod method, boolean rbf, SpeedPolicy policy, int required) {
        assertThat(InvoiceRules.requiredConfirmations(method, rbf, policy)).isEqualTo(required);
    }

    @Nested
    class Payments {

        @Test
        void a_new_invoice_starts_new_with_nothing_paid_at_revision_zero() {
            InvoiceState state = open(AMOUNT, 0, SpeedPolicy.MEDIUM);

            assertStatus(state, NEW, NONE);
            assertThat(state.revision()).isZero();
            assertThat(state.minimumDueMsat()).isEqualTo(AMOUNT);
        }

        @Test
        void an_unconfirmed_payment_in_full_makes_it_processing() {
            InvoiceState state = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", AMOUNT, 0));

            assertStatus(state, PROCESSING, NONE);
            assertThat(state.revision()).isEqualTo(1);
            assertThat(state.payments().getFirst().status()).isEqualTo(PaymentStatus.PENDING);
            assertThat(state.booking()).isEqualTo(SettlementBooking.NONE);
        }

        @Test
        void a_final_payment_in_full_settles_at_once_and_books_it() {
            InvoiceState state = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", AMOUNT, 1));

            assertStatus(state, SETTLED, NONE);
            assertThat(state.booking()).isEqualTo(booked(1, AMOUNT, 0));
        }

        @Test
        void the_confirmation_that_reaches_the_policy_settles_a_processing_invoice() {
            InvoiceState processing = seen(open(AMOUNT, 0, SpeedPolicy.LOW), chain("tx:0", AMOUNT, 0));

            InvoiceState five = confirmations(processing, "tx:0", 5);
            InvoiceState six = confirmations(five, "tx:0", 6);

            assertStatus(five, PROCESSING, NONE);
            assertStatus(six, SETTLED, NONE);
            assertThat(six.revision()).isEqualTo(3);
        }

        @Test
        void an_invoice_settles_only_when_every_counted_payment_is_final() {
            InvoiceState state = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx1:0", AMOUNT / 2, 1));
            state = seen(state, chain("tx2:0", AMOUNT / 2, 0));
            assertStatus(state, PROCESSING, NONE);

            assertStatus(confirmations(state, "tx2:0", 1), SETTLED, NONE);
        }

        @Test
        void less_than_the_tolerated_minimum_is_partial_and_the_minimum_is_paid() {
            InvoiceState tolerant = open(AMOUNT, 250, SpeedPolicy.HIGH); // minimum 97,500

            InvoiceState below = seen(tolerant, lightning("h1", 97_499));
            InvoiceState at = seen(tolerant, lightning("h1", 97_500));

            assertStatus(below, NEW, PAID_PARTIAL);
            assertThat(below.minimumDueMsat()).isEqualTo(1);
            assertStatus(at, SETTLED, NONE);
            assertThat(at.minimumDueMsat()).isZero();
        }

        @Test
        void more_than_the_amount_is_paid_over_while_processing_and_once_settled() {
            InvoiceState processing = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", AMOUNT + 1, 0));

            assertStatus(processing, PROCESSING, PAID_OVER);
            assertStatus(confirmations(processing, "tx:0", 1), SETTLED, PAID_OVER);
        }

        @Test
        void a_payment_after_settlement_is_recorded_and_flags_paid_over_without_a_second_booking_before_custody() {
            InvoiceState settled = seen(
                    InvoiceRules.openBeforeCustody(new InvoiceRequest(
                            "inv1", "m1", AMOUNT, 0, SpeedPolicy.HIGH, 100, EXPIRES, MONITORING_ENDS, null)),
                    lightning("h1", AMOUNT));

            InvoiceState extra = seen(settled, lightning("h2", 5));

            assertStatus(extra, SETTLED, PAID_OVER);
            assertThat(extra.paidMsat()).isEqualTo(AMOUNT + 5);
            assertThat(extra.booking()).isEqualTo(settled.booking());
        }

        @Test
        void the_same_payment_reference_twice_counts_once_and_changes_nothing() {
            InvoiceState once = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", AMOUNT / 2, 0));

            InvoiceState twice = seen(once, chain("tx:0", AMOUNT / 2, 0));

            assertThat(twice).isSameAs(once);
        }

        @Test
        void a_top_up_invoice_is_paid_in_full_by_any_payment_and_never_paid_over() {
            InvoiceState state = seen(open(null, 0, SpeedPolicy.HIGH), lightning("h1", 1));

            assertStatus(state, SETTLED, NONE);
            assertThat(seen(state, lightning("h2", 1_000_000)).additionalStatus())
                    .isEqualTo(NONE);
        }

        @Test
        void confirmations_of_an_unknown_payment_change_nothing() {
            InvoiceState state = open(AMOUNT, 0, SpeedPolicy.MEDIUM);

            assertThat(confirmations(state, "unknown:0", 3)).isSameAs(state);
        }

        @Test
        void a_reorg_that_lowers_confirmations_keeps_the_invoice_processing() {
            InvoiceState state = seen(open(AMOUNT, 0, SpeedPolicy.LOW), chain("tx:0", AMOUNT, 3));

            InvoiceState reorged = confirmations(state, "tx:0", 1);

            assertStatus(reorged, PROCESSING, NONE);
            assertThat(reorged.payments().getFirst().confirmations()).isEqualTo(1);
        }
    }

    @Nested
    class Drops {

        @Test
        void a_dropped_payment_takes_processing_back_to_new() {
            InvoiceState processing = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", AMOUNT, 0));

            InvoiceState dropped = drop(processing, "tx:0", BEFORE_EXPIRY);

            assertStatus(dropped, NEW, NONE);
            assertThat(dropped.payments().getFirst().status()).isEqualTo(PaymentStatus.DROPPED);
            assertThat(dropped.paidMsat()).isZero();
        }

        @Test
        void a_drop_that_leaves_part_paid_is_new_paid_partial() {
            InvoiceState state = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx1:0", AMOUNT / 2, 0));
            state = seen(state, chain("tx2:0", AMOUNT / 2, 0));

            assertStatus(drop(state, "tx2:0", BEFORE_EXPIRY), NEW, PAID_PARTIAL);
        }

        @Test
        void a_drop_after_expiry_expires_a_processing_invoice() {
            InvoiceState processing = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", AMOUNT, 0));

            assertStatus(drop(processing, "tx:0", AFTER_EXPIRY), EXPIRED, NONE);
        }

        @Test
        void a_dropped_payment_seen_again_counts_again() {
            InvoiceState processing = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", AMOUNT, 0));
            InvoiceState dropped = drop(processing, "tx:0", BEFORE_EXPIRY);

            InvoiceState back = seen(dropped, chain("tx:0", AMOUNT, 0));

            assertStatus(back, PROCESSING, NONE);
            assertThat(back.payments()).hasSize(1);
        }

        @Test
        void confirmations_of_a_dropped_payment_are_ignored() {
            InvoiceState dropped =
                    drop(seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", AMOUNT, 0)), "tx:0", BEFORE_EXPIRY);

            assertThat(confirmations(dropped, "tx:0", 3)).isSameAs(dropped);
        }

        @Test
        void a_double_spent_zero_confirmation_settlement_is_reversed_and_the_invoice_is_invalid() {
            InvoiceState settled = seen(open(AMOUNT, 0, SpeedPolicy.HIGH), chain("tx:0", AMOUNT, 0));

            InvoiceState dropped = drop(settled, "tx:0", BEFORE_EXPIRY);

            assertStatus(dropped, INVALID, NONE);
            assertThat(dropped.statusReason()).isEqualTo("payment double-spent");
            assertThat(dropped.payments().getFirst().status()).isEqualTo(PaymentStatus.DROPPED);
            assertThat(settled.booking()).isEqualTo(booked(1, AMOUNT, 0));
            assertThat(dropped.booking()).isEqualTo(settled.booking().reversed());
            assertThat(dropped.revision()).isEqualTo(settled.revision() + 1);
            assertThat(InvoiceRules.reversedForDoubleSpend(settled, dropped)).isTrue();
        }

        @Test
        void a_double_spend_that_leaves_part_paid_reverses_the_settlement_and_keeps_paid_partial() {
            InvoiceState settled = seen(open(AMOUNT, 0, SpeedPolicy.HIGH), chain("tx:0", AMOUNT / 4, 0));
            settled = seen(settled, chain("tx2:0", AMOUNT * 3 / 4, 0));

            InvoiceState dropped = drop(settled, "tx2:0", BEFORE_EXPIRY);

            assertStatus(dropped, INVALID, PAID_PARTIAL);
            assertThat(dropped.booking().inForce()).isFalse();
        }

        @Test
        void a_drop_that_leaves_a_settled_invoice_paid_in_full_keeps_its_settlement() {
            InvoiceState settled = seen(open(AMOUNT, 0, SpeedPolicy.HIGH), chain("tx:0", AMOUNT, 0));
            settled = seen(settled, lightning("h1", AMOUNT / 10));

            InvoiceState dropped = drop(settled, "h1", BEFORE_EXPIRY);

            assertThat(dropped.status()).isEqualTo(SETTLED);
            assertThat(dropped.booking()).isEqualTo(settled.booking());
            assertThat(InvoiceRules.reversedForDoubleSpend(settled, dropped)).isFalse();
        }

        @Test
        void a_drop_on_an_invoice_staff_marked_settled_keeps_the_marking() {
            InvoiceState partial = seen(open(AMOUNT, 0, SpeedPolicy.HIGH), chain("tx:0", AMOUNT / 2, 0));
            InvoiceState marked = InvoiceRules.mark(
                            partial, new MarkRequest(MarkTarget.SETTLED, "support", "rest paid in cash"), BEFORE_EXPIRY)
                    .state();

            InvoiceState dropped = drop(marked, "tx:0", BEFORE_EXPIRY);

            assertStatus(dropped, SETTLED, MARKED);
            assertThat(dropped.booking()).isEqualTo(marked.booking());
        }

        @Test
        void the_rule_of_workflows_started_before_reversals_only_records_the_drop_on_a_settled_invoice() {
            InvoiceState settled = seen(open(AMOUNT, 0, SpeedPolicy.HIGH), chain("tx:0", AMOUNT, 0));

            InvoiceState dropped = InvoiceRules.paymentDroppedKeepingSettlement(
                    settled, new PaymentDropped("tx:0", "reorg"), BEFORE_EXPIRY);

            assertStatus(dropped, SETTLED, NONE);
            assertThat(dropped.booking()).isEqualTo(settled.booking());
        }

        @Test
        void a_payment_of_a_reversed_invoice_seen_again_does_not_settle_it_again() {
            InvoiceState reversed =
                    drop(seen(open(AMOUNT, 0, SpeedPolicy.HIGH), chain("tx:0", AMOUNT, 0)), "tx:0", BEFORE_EXPIRY);

            InvoiceState seenAgain = seen(reversed, chain("tx:0", AMOUNT, 0));

            assertThat(seenAgain.status()).isEqualTo(INVALID);
            assertThat(seenAgain.booking()).isEqualTo(reversed.booking());
        }
    }

    @Nested
    class Expiry {

        @Test
        void nothing_paid_at_expiry_is_expired_with_no_additional_status() {
            assertStatus(InvoiceRules.expire(open(AMOUNT, 0, SpeedPolicy.MEDIUM), EXPIRES), EXPIRED, NONE);
        }

        @Test
        void a_partial_payment_at_expiry_is_expired_paid_partial() {
            InvoiceState partial = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", 1, 0));

            assertStatus(InvoiceRules.expire(partial, EXPIRES), EXPIRED, PAID_PARTIAL);
        }

        @Test
        void expiry_does_not_touch_a_processing_invoice() {
            InvoiceState processing = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", AMOUNT, 0));

            assertThat(InvoiceRules.expire(processing, EXPIRES)).isSameAs(processing);
        }

        @Test
        void payment_in_full_after_expiry_leaves_it_expired_paid_late() {
            InvoiceState expired = InvoiceRules.expire(open(AMOUNT, 0, SpeedPolicy.MEDIUM), EXPIRES);

            InvoiceState late = InvoiceRules.paymentSeen(expired, chain("tx:0", AMOUNT, 6), AFTER_EXPIRY);

            assertStatus(late, EXPIRED, PAID_LATE);
            assertThat(late.booking().inForce()).isFalse();
            assertThat(late.booking()).isEqualTo(SettlementBooking.NONE.paidToExpired(AMOUNT, 0));
        }

        @Test
        void payment_in_full_seen_after_expiry_before_the_timer_fired_is_paid_late() {
            InvoiceState fresh = open(AMOUNT, 0, SpeedPolicy.MEDIUM);

            assertStatus(InvoiceRules.paymentSeen(fresh, chain("tx:0", AMOUNT, 0), AFTER_EXPIRY), EXPIRED, PAID_LATE);
        }

        @Test
        void a_late_payment_that_is_dropped_again_returns_to_expired_with_what_remains() {
            InvoiceState expired = InvoiceRules.expire(open(AMOUNT, 0, SpeedPolicy.MEDIUM), EXPIRES);
            InvoiceState late = InvoiceRules.paymentSeen(expired, chain("tx:0", AMOUNT, 0), AFTER_EXPIRY);

            assertStatus(drop(late, "tx:0", AFTER_EXPIRY), EXPIRED, NONE);
        }

        @Test
        void the_end_of_monitoring_invalidates_a_processing_invoice_only() {
            InvoiceState processing = seen(open(AMOUNT, 0, SpeedPolicy.LOW), chain("tx:0", AMOUNT + 1, 0));
            InvoiceState expired = InvoiceRules.expire(open(AMOUNT, 0, SpeedPolicy.LOW), EXPIRES);

            assertStatus(InvoiceRules.endMonitoring(processing, MONITORING_ENDS), INVALID, PAID_OVER);
            assertThat(InvoiceRules.endMonitoring(expired, MONITORING_ENDS)).isSameAs(expired);
        }
    }

    @Nested
    class Custody {

        @Test
        void the_payments_fill_the_amount_in_the_order_seen_and_the_rest_of_each_rail_is_its_overpaid_part() {
            InvoiceState partial = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), lightning("h1", 60_000));

            InvoiceState settled = seen(partial, chain("tx:0", 50_000, 1));

            assertStatus(settled, SETTLED, PAID_OVER);
            assertThat(settled.booking())
                    .isEqualTo(
                            new SettlementBooking(1, 40_000, 60_000, 10_000, 0, 0, 0, SettlementBooking.CUSTODY_MODEL));
        }

        @Test
        void a_payment_to_a_settled_invoice_joins_the_overpaid_part_of_its_rail_once_it_has_its_confirmations() {
            InvoiceState settled = confirmations(
                    seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", AMOUNT + 2_000, 0)), "tx:0", 1);
            assertThat(settled.booking())
                    .isEqualTo(new SettlementBooking(1, AMOUNT, 0, 2_000, 0, 0, 0, SettlementBooking.CUSTODY_MODEL));

            InvoiceState unconfirmed = seen(settled, chain("tx:1", 30_000, 0));
            InvoiceState confirmed = confirmations(unconfirmed, "tx:1", 1);
            InvoiceState again = confirmations(confirmed, "tx:1", 2);
            InvoiceState lightningToo = seen(again, lightning("h1", 4_000));

            assertStatus(confirmed, SETTLED, PAID_OVER);
            assertThat(unconfirmed.booking()).as("not before its confirmations").isEqualTo(settled.booking());
            assertThat(confirmed.booking())
                    .isEqualTo(new SettlementBooking(
                            2, AMOUNT, 0, 2_000 + 30_000, 0, 0, 0, SettlementBooking.CUSTODY_MODEL));
            assertThat(again.booking()).as("booked once").isEqualTo(confirmed.booking());
            assertThat(lightningToo.booking())
                    .isEqualTo(
                            new SettlementBooking(3, AMOUNT, 0, 32_000, 4_000, 0, 0, SettlementBooking.CUSTODY_MODEL));
        }

        @Test
        void a_payment_to_an_invoice_staff_marked_settled_joins_its_overpaid_part_and_keeps_the_marking() {
            InvoiceState marked = InvoiceRules.mark(
                            seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), lightning("h1", AMOUNT / 2)),
                            new MarkRequest(MarkTarget.SETTLED, "support", "trusted"),
                            BEFORE_EXPIRY)
                    .state();

            InvoiceState extra = seen(marked, lightning("h2", 5_000));

            assertStatus(extra, SETTLED, MARKED);
            assertThat(extra.booking())
                    .isEqualTo(
                            new SettlementBooking(2, 0, AMOUNT / 2, 0, 5_000, 0, 0, SettlementBooking.CUSTODY_MODEL));
        }

        @Test
        void a_drop_after_settlement_never_shrinks_the_overpaid_part() {
            InvoiceState settled = seen(open(AMOUNT, 0, SpeedPolicy.HIGH), lightning("h1", AMOUNT));
            InvoiceState extra = seen(seen(settled, lightning("h2", 5_000)), chain("tx:9", 1_000, 0));

            InvoiceState dropped = drop(extra, "tx:9", BEFORE_EXPIRY);

            assertThat(dropped.booking()).isEqualTo(extra.booking());
        }

        @Test
        void a_payment_to_an_expired_invoice_goes_to_suspense_once_it_has_its_confirmations() {
            InvoiceState partial = seen(open(AMOUNT, 0, SpeedPolicy.LOW_MEDIUM), chain("tx:0", 30_000, 0));
            InvoiceState expired = InvoiceRules.expire(partial, EXPIRES);
            assertStatus(expired, EXPIRED, PAID_PARTIAL);
            assertThat(expired.booking()).isEqualTo(SettlementBooking.NONE);

            InvoiceState once =
                    InvoiceRules.confirmationsChanged(expired, new ConfirmationsChanged("tx:0", 1), AFTER_EXPIRY);
            InvoiceState twice =
                    InvoiceRules.confirmationsChanged(once, new ConfirmationsChanged("tx:0", 2), AFTER_EXPIRY);
            InvoiceState more =
                    InvoiceRules.confirmationsChanged(twice, new ConfirmationsChanged("tx:0", 3), AFTER_EXPIRY);

            assertThat(once.booking()).isEqualTo(SettlementBooking.NONE);
            assertThat(twice.booking()).isEqualTo(SettlementBooking.NONE.paidToExpired(30_000, 0));
            assertThat(more.booking()).as("booked once").isEqualTo(twice.booking());
        }

        @Test
        void marking_an_expired_invoice_settled_settles_what_was_in_suspense() {
            InvoiceState expired = InvoiceRules.expire(open(AMOUNT, 0, SpeedPolicy.MEDIUM), EXPIRES);
            InvoiceState late = InvoiceRules.paymentSeen(expired, lightning("h1", 120_000), AFTER_EXPIRY);

            InvoiceState marked = InvoiceRules.mark(
                            late, new MarkRequest(MarkTarget.SETTLED, "support", "customer was slow"), AFTER_EXPIRY)
                    .state();

            assertThat(late.booking()).isEqualTo(SettlementBooking.NONE.paidToExpired(0, 120_000));
            assertThat(marked.booking())
                    .isEqualTo(new SettlementBooking(2, 0, 100_000, 0, 20_000, 0, 0, SettlementBooking.CUSTODY_MODEL));
        }

        @Test
        void marking_an_expired_invoice_invalid_leaves_its_receipt_in_suspense() {
            InvoiceState expired = InvoiceRules.expire(open(AMOUNT, 0, SpeedPolicy.MEDIUM), EXPIRES);
            InvoiceState late = InvoiceRules.paymentSeen(expired, lightning("h1", AMOUNT), AFTER_EXPIRY);

            InvoiceState invalid = InvoiceRules.mark(
                            late, new MarkRequest(MarkTarget.INVALID, "support", "wrong invoice"), AFTER_EXPIRY)
                    .state();

            assertThat(invalid.booking()).isEqualTo(late.booking());
        }

        @Test
        void an_invoice_opened_before_custody_books_as_before_and_puts_nothing_in_suspense() {
            InvoiceState legacy = InvoiceRules.openBeforeCustody(new InvoiceRequest(
                    "inv1", "m1", AMOUNT, 0, SpeedPolicy.MEDIUM, 100, EXPIRES, MONITORING_ENDS, null));
            InvoiceState overpaid = seen(legacy, lightning("h1", AMOUNT + 5_000));
            InvoiceState late = InvoiceRules.paymentSeen(
                    InvoiceRules.expire(legacy, EXPIRES), lightning("h2", AMOUNT), AFTER_EXPIRY);

            assertThat(overpaid.booking())
                    .isEqualTo(new SettlementBooking(1, 0, AMOUNT + 5_000, 0, 0, 0, 0, SettlementBooking.LEGACY_MODEL));
            assertThat(late.booking()).isEqualTo(SettlementBooking.LEGACY);
        }
    }

    @Nested
    class Marking {

        /** BTCPay's InvoiceState.CanMarkComplete / CanMarkInvalid, row by row. */
        @ParameterizedTest(name = "{0}/{1} marked {2}: {3}")
        @CsvSource({
            "NEW, NONE, SETTLED, MARKED",
            "NEW, PAID_PARTIAL, INVALID, MARKED",
            "PROCESSING, NONE, SETTLED, MARKED",
            "PROCESSING, PAID_OVER, INVALID, MARKED",
            "EXPIRED, PAID_LATE, SETTLED, MARKED",
            "EXPIRED, NONE, INVALID, MARKED",
            "INVALID, NONE, SETTLED, MARKED",
            "INVALID, MARKED, SETTLED, MARKED",
            "INVALID, NONE, INVALID, ALREADY_INVALID",
            "INVALID, MARKED, INVALID, ALREADY_INVALID",
            "SETTLED, NONE, SETTLED, ALREADY_SETTLED",
            "SETTLED, MARKED, SETTLED, ALREADY_SETTLED",
            "SETTLED, PAID_OVER, INVALID, SETTLED_BY_PAYMENT",
            "SETTLED, MARKED, INVALID, MARKED"
        })
        void follows_btcpay(
                InvoiceStatus status, InvoiceAdditionalStatus additional, MarkTarget target, MarkResult expected) {
            InvoiceState state = open(AMOUNT, 0, SpeedPolicy.MEDIUM).with(status, additional);

            MarkOutcome outcome = InvoiceRules.mark(state, new MarkRequest(target, "support", "why"), AFTER_EXPIRY);

            assertThat(outcome.result()).isEqualTo(expected);
            if (expected == MarkResult.MARKED) {
                assertStatus(outcome.state(), target.status(), MARKED);
                assertThat(outcome.state().statusReason()).isEqualTo("why");
                assertThat(outcome.state().revision()).isEqualTo(1);
            } else {
                assertThat(outcome.state()).isSameAs(state);
            }
        }

        @Test
        void a_reason_is_required() {
            InvoiceState state = open(AMOUNT, 0, SpeedPolicy.MEDIUM);

            MarkOutcome outcome =
                    InvoiceRules.mark(state, new MarkRequest(MarkTarget.SETTLED, "support", null), CREATED);

            assertThat(outcome.result()).isEqualTo(MarkResult.REASON_REQUIRED);
            assertThat(outcome.state()).isSameAs(state);
        }

        @Test
        void marking_settled_books_what_was_received_and_marking_invalid_then_reverses_it() {
            InvoiceState partial = seen(open(AMOUNT, 0, SpeedPolicy.MEDIUM), chain("tx:0", 40_000, 0));
            partial = seen(partial, lightning("h1", 10_000));

            InvoiceState settled = InvoiceRules.mark(
                            partial, new MarkRequest(MarkTarget.SETTLED, "support", "paid cash"), BEFORE_EXPIRY)
                    .state();
            InvoiceState invalid = InvoiceRules.mark(
                            settled, new MarkRequest(MarkTarget.INVALID, "finance", "cash was fake"), BEFORE_EXPIRY)
                    .state();
            InvoiceState settledAgain = InvoiceRules.mark(
                            invalid, new MarkRequest(MarkTarget.SETTLED, "finance", "cash was real"), BEFORE_EXPIRY)
                    .state();

            assertThat(settled.booking()).isEqualTo(booked(1, 40_000, 10_000));
            assertThat(invalid.booking()).isEqualTo(booked(2, 0, 0));
            assertThat(settledAgain.booking()).isEqualTo(booked(3, 40_000, 10_000));
        }

        @Test
        void marking_settled_with_nothing_received_books_nothing() {
            InvoiceState marked = InvoiceRules.mark(
                            open(AMOUNT, 0, SpeedPolicy.MEDIUM),
                            new MarkRequest(MarkTarget.SETTLED, "support", "paid by bank transfer"),
                            CREATED)
                    .state();

            assertStatus(marked, SETTLED, MARKED);
            assertThat(marked.booking()).isEqualTo(SettlementBooking.NONE);
        }

        @Test
        void payments_after_marking_keep_the_marked_flag() {
            InvoiceState marked = InvoiceRules.mark(
                            open(AMOUNT, 0, SpeedPolicy.MEDIUM),
                            new MarkRequest(MarkTarget.SETTLED, "support", "trusted"),
                            CREATED)
                    .state();

            assertStatus(seen(marked, lightning("h1", AMOUNT * 2)), SETTLED, MARKED);
        }
    }

    private static InvoiceState open(Long amount, int toleranceBp, SpeedPolicy policy) {
        return InvoiceRules.open(
                new InvoiceRequest("inv1", "m1", amount, toleranceBp, policy, 100, EXPIRES, MONITORING_ENDS, null));
    }

    private static SettlementBooking booked(int postings, long onchain, long lightning) {
        return new SettlementBooking(postings, onchain, lightning, 0, 0, 0, 0, SettlementBooking.CUSTODY_MODEL);
    }

    private static InvoiceState seen(InvoiceState state, PaymentObserved payment) {
        return InvoiceRules.paymentSeen(state, payment, BEFORE_EXPIRY);
    }

    private static InvoiceState confirmations(InvoiceState state, String ref, int confirmations) {
        return InvoiceRules.confirmationsChanged(state, new ConfirmationsChanged(ref, confirmations), BEFORE_EXPIRY);
    }

    private static InvoiceState drop(InvoiceState state, String ref, Instant at) {
        return InvoiceRules.paymentDropped(state, new PaymentDropped(ref, "reorg"), at);
    }

    private static PaymentObserved chain(String ref, long amount, int confirmations) {
        return PaymentObserved.onChain(ref, "bc1qa", amount, confirmations, false);
    }

    private static PaymentObserved lightning(String hash, long amount) {
        return PaymentObserved.lightning(hash, amount);
    }

    private static void assertStatus(InvoiceState state, InvoiceStatus status, InvoiceAdditionalStatus additional) {
        assertThat(state.status()).as("status").isEqualTo(status);
        assertThat(state.additionalStatus()).as("additional status").isEqualTo(additional);
    }

    @Test
    void every_change_adds_exactly_one_revision() {
        InvoiceState state = open(AMOUNT, 0, SpeedPolicy.LOW);
        List<InvoiceState> steps = List.of(
                state = seen(state, chain("tx:0", AMOUNT / 2, 0)),
                state = seen(state, chain("tx:1", AMOUNT / 2, 0)),
                state = confirmations(state, "tx:0", 6),
                state = confirmations(state, "tx:1", 6));

        assertThat(steps).extracting(InvoiceState::revision).containsExactly(1, 2, 3, 4);
        assertStatus(state, SETTLED, NONE);
    }
}
