package com.flash.backoffice.workflows.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.suspense.NewSuspenseReceipt;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Payments to an invoice staff marked settled with nothing received: Flash's node (or a card) holds the value, so
 * since {@code book-late-payments} it goes to suspense for staff to allocate or refund; before, it was booked nowhere
 * (kept for the workflows started then).
 */
class LatePaymentsTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant MARKED_AT = CREATED.plusSeconds(30);
    private static final Instant PAID_AT = MARKED_AT.plusSeconds(5);
    private static final String LIGHTNING = ChartOfAccounts.LIGHTNING_ASSETS.code();
    private static final String SUSPENSE = ChartOfAccounts.UNALLOCATED_RECEIPTS.code();
    private static final String CARD = ChartOfAccounts.cardPending("card1").code();

    @Test
    void a_lightning_payment_after_a_settlement_marked_with_nothing_received_goes_to_suspense() {
        InvoiceState marked = markedSettled(InvoiceRules.openBookingLatePayments(terms()));

        InvoiceState paid = InvoiceRules.paymentSeen(marked, PaymentObserved.lightning("h1", 100_000), PAID_AT);
        SettlementPosting posting =
                SettlementPosting.between(marked, paid, PAID_AT).orElseThrow();

        assertThat(SettlementEntries.journalEntry(posting).lines())
                .containsExactlyInAnyOrder(
                        JournalLine.debit(LIGHTNING, Msat.ofMsat(100_000)),
                        JournalLine.credit(SUSPENSE, Msat.ofMsat(100_000)));
        assertThat(SettlementEntries.receipts(posting))
                .singleElement()
                .extracting(NewSuspenseReceipt::receiptKey, NewSuspenseReceipt::amountMsat)
                .containsExactly("invoice-inv1-overpaid", 100_000L);
    }

    @Test
    void a_card_paying_it_after_the_marking_moves_its_reservation_to_suspense_and_marking_invalid_keeps_it_there() {
        InvoiceState marked = markedSettled(InvoiceRules.openBookingLatePayments(terms()));

        InvoiceState paid = InvoiceRules.paymentSeen(
                marked,
                PaymentObserved.internal(
                        "card-tap-7", "Flash card card1", 100_000, ChartOfAccounts.cardPending("card1")),
                PAID_AT);
        InvoiceState invalid = InvoiceRules.mark(
                        paid, new MarkRequest(MarkTarget.INVALID, "sue", "wrong bill"), PAID_AT)
                .state();

        JournalEntry entry = SettlementEntries.journalEntry(
                SettlementPosting.between(marked, paid, PAID_AT).orElseThrow());
        assertThat(entry.lines())
                .containsExactlyInAnyOrder(
                        JournalLine.debit(CARD, Msat.ofMsat(100_000)),
                        JournalLine.credit(SUSPENSE, Msat.ofMsat(100_000)));
        assertThat(SettlementPosting.between(paid, invalid, PAID_AT))
                .as("nothing was settled to reverse: the value waits in suspense")
                .isEmpty();
    }

    @Test
    void an_invoice_opened_before_the_change_keeps_booking_nothing_so_its_history_replays() {
        InvoiceState marked = markedSettled(InvoiceRules.open(terms()));

        InvoiceState paid = InvoiceRules.paymentSeen(marked, PaymentObserved.lightning("h1", 100_000), PAID_AT);

        assertThat(SettlementPosting.between(marked, paid, PAID_AT)).isEqualTo(Optional.empty());
    }

    private static InvoiceState markedSettled(InvoiceState open) {
        return InvoiceRules.mark(open, new MarkRequest(MarkTarget.SETTLED, "sue", "paid in cash"), MARKED_AT)
                .state();
    }

    private static InvoiceRequest terms() {
        return new InvoiceRequest(
                "inv1",
                "m1",
                100_000L,
                0,
                SpeedPolicy.MEDIUM,
                100,
                CREATED.plus(Duration.ofMinutes(15)),
                CREATED.plus(Duration.ofHours(2)),
                OnchainCustody.MERCHANT_WALLET);
    }
}
