package com.flash.backoffice.db.refund;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.ledger.PostingResult;
import com.flash.backoffice.db.money.Msat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A refund's three ledger entries, each idempotent by its source key: the reservation on approval (merchant balance,
 * plus a receivable for any shortfall FINANCE allowed, or the suspense account → refunds pending), the payment
 * (refunds pending → the asset that paid, the fee an expense), and the release of a cancelled or expired refund
 * (the reservation's exact reverse).
 */
public final class RefundLedger {

    private RefundLedger() {}

    public static String reservationKey(String refundId) {
        return "refund-" + refundId + "-reserve";
    }

    public static String completionKey(String refundId) {
        return "refund-" + refundId + "-complete";
    }

    public static String releaseKey(String refundId) {
        return "refund-" + refundId + "-release";
    }

    static PostingResult reserve(DSLContext tx, Refund refund, long amountMsat, long fromBalanceMsat, Instant at) {
        LedgerRepository ledger = new LedgerRepository(tx);
        ledger.createAccount(ChartOfAccounts.refundsPending(refund.merchantId()));
        List<JournalLine> lines = new ArrayList<>(sources(ledger, refund, amountMsat, fromBalanceMsat, true));
        lines.add(JournalLine.credit(pending(refund), Msat.ofMsat(amountMsat)));
        return ledger.post(new JournalEntry(
                reservationKey(refund.id()),
                "Refund " + refund.id() + " of invoice " + refund.invoiceId() + " reserved",
                at,
                lines));
    }

    /** Books the paid refund: the reservation leaves the ledger, the asset that paid falls by amount + fee. */
    static PostingResult complete(DSLContext tx, Refund refund, boolean paidOnchain, long feeMsat, Instant at) {
        NewLedgerAccount paidFrom = paidOnchain ? ChartOfAccounts.ONCHAIN_ASSETS : ChartOfAccounts.LIGHTNING_ASSETS;
        List<JournalLine> lines = new ArrayList<>();
        lines.add(JournalLine.debit(pending(refund), Msat.ofMsat(refund.amountMsat())));
        if (feeMsat > 0) {
            lines.add(JournalLine.debit(ChartOfAccounts.NETWORK_FEES.code(), Msat.ofMsat(feeMsat)));
        }
        lines.add(JournalLine.credit(paidFrom.code(), Msat.ofMsat(Math.addExact(refund.amountMsat(), feeMsat))));
        return new LedgerRepository(tx)
                .post(new JournalEntry(
                        completionKey(refund.id()),
                        "Refund " + refund.id() + " of invoice " + refund.invoiceId() + " paid",
                        at,
                        lines));
    }

    /** Returns a cancelled or expired refund's reservation to exactly where it came from. */
    static PostingResult release(DSLContext tx, Refund refund, Instant at) {
        LedgerRepository ledger = new LedgerRepository(tx);
        List<JournalLine> lines = new ArrayList<>();
        lines.add(JournalLine.debit(pending(refund), Msat.ofMsat(refund.amountMsat())));
        long fromBalance = refund.reservedFromBalanceMsat() == null ? 0 : refund.reservedFromBalanceMsat();
        lines.addAll(sources(ledger, refund, refund.amountMsat(), fromBalance, false));
        return ledger.post(new JournalEntry(
                releaseKey(refund.id()),
                "Refund " + refund.id() + " of invoice " + refund.invoiceId() + " released",
                at,
                lines));
    }

    private static List<JournalLine> sources(
            LedgerRepository ledger, Refund refund, long amountMsat, long fromBalanceMsat, boolean debit) {
        List<JournalLine> lines = new ArrayList<>();
        if (refund.source() == RefundSource.SUSPENSE) {
            lines.add(line(debit, ChartOfAccounts.UNALLOCATED_RECEIPTS.code(), amountMsat));
            return lines;
        }
        long receivable = amountMsat - fromBalanceMsat;
        if (fromBalanceMsat > 0) {
            ledger.createAccount(ChartOfAccounts.merchantBalance(refund.merchantId()));
            lines.add(line(
                    debit, ChartOfAccounts.merchantBalance(refund.merchantId()).code(), fromBalanceMsat));
        }
        if (receivable > 0) {
            // the receivable is an asset: it grows by a debit when reserved and shrinks by a credit when released
            ledger.createAccount(ChartOfAccounts.refundsReceivable(refund.merchantId()));
            lines.add(line(
                    debit,
                    ChartOfAccounts.refundsReceivable(refund.merchantId()).code(),
                    receivable));
        }
        return lines;
    }

    private static JournalLine line(boolean debit, String code, long msat) {
        return debit ? JournalLine.debit(code, Msat.ofMsat(msat)) : JournalLine.credit(code, Msat.ofMsat(msat));
    }

    private static String pending(Refund refund) {
        return ChartOfAccounts.refundsPending(refund.merchantId()).code();
    }
}
