package com.flash.backoffice.workflows.suspense;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.suspense.NewSuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseKind;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import com.flash.backoffice.workflows.invoice.PaymentObserved;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Puts a payment that arrived after its invoice's workflow ended into suspense: a receipt row keyed by the
 * payment ({@code chain-<txid>:<vout>}, {@code ln-<paymentHash>}) and, on a custodial rail, the entry Dr the rail's
 * asset / Cr {@link ChartOfAccounts#UNALLOCATED_RECEIPTS} (source key {@code suspense-<receiptKey>}), both in one
 * transaction. Safe to call again for the same payment (a restarted watcher, a block re-mined after a reorg): the
 * second call finds the receipt and writes nothing.
 */
@Component
public class AfterMonitoringReceipts {

    private final DSLContext dsl;
    private final AddressCustody custody;

    public AfterMonitoringReceipts(DSLContext dsl, AddressCustody custody) {
        this.dsl = dsl;
        this.custody = custody;
    }

    /** What recording did: {@code firstSeen} is false when the payment was already in suspense. */
    public record Recorded(SuspenseReceipt receipt, boolean firstSeen) {}

    public Recorded record(String invoiceId, PaymentObserved payment) {
        String receiptKey = receiptKey(payment);
        boolean custodial = payment.method() == PaymentMethod.BTC_LN || custody.isFlashWallet(payment.destination());
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            SuspenseReceiptRepository receipts = new SuspenseReceiptRepository(tx);
            Optional<SuspenseReceipt> existing = receipts.findByKey(receiptKey);
            if (existing.isPresent()) {
                return new Recorded(existing.get(), false);
            }
            Invoice invoice = new InvoiceRepository(tx)
                    .findById(invoiceId)
                    .orElseThrow(() -> new IllegalArgumentException("no invoice " + invoiceId));
            Instant receivedAt = UtcTimestamps.now();
            String sourceKey = custodial ? "suspense-" + receiptKey : null;
            if (custodial) {
                new LedgerRepository(tx).post(entry(sourceKey, invoiceId, payment, receivedAt));
            }
            SuspenseReceipt receipt = receipts.record(new NewSuspenseReceipt(
                    receiptKey,
                    SuspenseKind.AFTER_MONITORING,
                    custodial,
                    invoiceId,
                    invoice.merchantId(),
                    payment.method(),
                    payment.paymentRef(),
                    payment.destination(),
                    payment.amountMsat(),
                    sourceKey,
                    receivedAt));
            return new Recorded(receipt, true);
        });
    }

    /** The suspense receipt of an on-chain payment ({@code txid:vout}), if it became one. */
    public Optional<SuspenseReceipt> findOnChain(String paymentRef) {
        return new SuspenseReceiptRepository(dsl).findByKey("chain-" + paymentRef);
    }

    static String receiptKey(PaymentObserved payment) {
        return (payment.method() == PaymentMethod.BTC_LN ? "ln-" : "chain-") + payment.paymentRef();
    }

    private static JournalEntry entry(String sourceKey, String invoiceId, PaymentObserved payment, Instant at) {
        Msat amount = Msat.ofMsat(payment.amountMsat());
        String asset = payment.method() == PaymentMethod.BTC_LN
                ? ChartOfAccounts.LIGHTNING_ASSETS.code()
                : ChartOfAccounts.ONCHAIN_ASSETS.code();
        return new JournalEntry(
                sourceKey,
                "Payment " + payment.paymentRef() + " to invoice " + invoiceId + " after its monitoring ended",
                at,
                List.of(
                        JournalLine.debit(asset, amount),
                        JournalLine.credit(ChartOfAccounts.UNALLOCATED_RECEIPTS.code(), amount)));
    }
}
