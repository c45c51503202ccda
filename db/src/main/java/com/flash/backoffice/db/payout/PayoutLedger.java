package com.flash.backoffice.db.payout;

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
 * The payout's three ledger entries, each idempotent by its source key: the reservation when requested (merchant
 * balance → payouts pending), the completion (payouts pending → the asset that paid, plus the fee as an expense),
 * and the release when cancelled (payouts pending → merchant balance).
 */
public final class PayoutLedger {

    private PayoutLedger() {}

    public static String reservationKey(String payoutId) {
        return "payout-" + payoutId + "-reserve";
    }

    public static String completionKey(String payoutId) {
        return "payout-" + payoutId + "-complete";
    }

    public static String releaseKey(String payoutId) {
        return "payout-" + payoutId + "-release";
    }

    static PostingResult reserve(DSLContext tx, String payoutId, String merchantId, long amountMsat, Instant at) {
        LedgerRepository ledger = new LedgerRepository(tx);
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchantId));
        ledger.createAccount(ChartOfAccounts.payoutsPending(merchantId));
        return ledger.post(new JournalEntry(
                reservationKey(payoutId),
                "Payout " + payoutId + " reserved",
                at,
                List.of(
                        JournalLine.debit(
                                ChartOfAccounts.merchantBalance(merchantId).code(), Msat.ofMsat(amountMsat)),
                        JournalLine.credit(
                                ChartOfAccounts.payoutsPending(merchantId).code(), Msat.ofMsat(amountMsat)))));
    }

    /** Books the paid payout: the reservation leaves the ledger, the asset that paid falls by amount + fee. */
    static PostingResult complete(DSLContext ctx, Payout payout, long feeMsat, Instant at) {
        NewLedgerAccount paidFrom = payout.destinationKind().lightning()
                ? ChartOfAccounts.LIGHTNING_ASSETS
                : ChartOfAccounts.ONCHAIN_ASSETS;
        String pending = ChartOfAccounts.payoutsPending(payout.merchantId()).code();
        List<JournalLine> lines = new ArrayList<>();
        lines.add(JournalLine.debit(pending, Msat.ofMsat(payout.amountMsat())));
        if (feeMsat > 0) {
            lines.add(JournalLine.debit(ChartOfAccounts.NETWORK_FEES.code(), Msat.ofMsat(feeMsat)));
        }
        lines.add(JournalLine.credit(paidFrom.code(), Msat.ofMsat(Math.addExact(payout.amountMsat(), feeMsat))));
        return new LedgerRepository(ctx)
                .post(new JournalEntry(completionKey(payout.id()), "Payout " + payout.id() + " paid", at, lines));
    }

    /** Returns the reservation of a cancelled payout to the merchant's balance. */
    static PostingResult release(DSLContext ctx, Payout payout, Instant at) {
        return new LedgerRepository(ctx)
                .post(new JournalEntry(
                        releaseKey(payout.id()),
                        "Payout " + payout.id() + " cancelled, reservation released",
                        at,
                        List.of(
                                JournalLine.debit(
                                        ChartOfAccounts.payoutsPending(payout.merchantId())
                                                .code(),
                                        Msat.ofMsat(payout.amountMsat())),
                                JournalLine.credit(
                                        ChartOfAccounts.merchantBalance(payout.merchantId())
                                                .code(),
                                        Msat.ofMsat(payout.amountMsat())))));
    }
}
