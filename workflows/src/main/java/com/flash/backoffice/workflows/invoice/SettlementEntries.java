package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.ledger.Side;
import com.flash.backoffice.db.money.Msat;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger lines of a settlement: the bitcoin received (debit the asset account of each payment method)
 * becomes the merchant's balance (credit, a per-merchant liability) less the processing fee (credit fee
 * revenue, rounded down). A reversal swaps every side. Zero lines are left out: the ledger refuses them.
 */
public final class SettlementEntries {

    private SettlementEntries() {}

    public static JournalEntry journalEntry(SettlementPosting posting) {
        long fee = InvoiceAmounts.fee(posting.receivedMsat(), posting.processingFeeBasisPoints());
        long merchantShare = Math.subtractExact(posting.receivedMsat(), fee);
        Side in = posting.reversal() ? Side.CREDIT : Side.DEBIT;
        Side out = posting.reversal() ? Side.DEBIT : Side.CREDIT;
        List<JournalLine> lines = new ArrayList<>();
        addLine(lines, ChartOfAccounts.ONCHAIN_ASSETS, in, posting.onchainMsat());
        addLine(lines, ChartOfAccounts.LIGHTNING_ASSETS, in, posting.lightningMsat());
        addLine(lines, ChartOfAccounts.merchantBalance(posting.merchantId()), out, merchantShare);
        addLine(lines, ChartOfAccounts.PROCESSING_FEE_REVENUE, out, fee);
        String description = posting.reversal()
                ? "Invoice " + posting.invoiceId() + " settlement reversed (invoice invalid)"
                : "Invoice " + posting.invoiceId() + " settled";
        return new JournalEntry(posting.sourceKey(), description, posting.bookedAt(), lines);
    }

    private static void addLine(List<JournalLine> lines, NewLedgerAccount account, Side side, long amountMsat) {
        if (amountMsat > 0) {
            lines.add(new JournalLine(account.code(), side, Msat.ofMsat(amountMsat), null, null));
        }
    }
}
