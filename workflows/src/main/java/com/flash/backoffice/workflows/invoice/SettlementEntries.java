package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
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

    public static final String ONCHAIN_ASSETS = "assets:bitcoin:onchain";
    public static final String LIGHTNING_ASSETS = "assets:bitcoin:lightning";
    public static final String FEE_REVENUE = "revenue:processing-fees";

    private SettlementEntries() {}

    public static String merchantBalanceAccount(String merchantId) {
        return "liabilities:merchant:" + merchantId;
    }

    public static JournalEntry journalEntry(SettlementPosting posting) {
        long fee = InvoiceAmounts.fee(posting.receivedMsat(), posting.processingFeeBasisPoints());
        long merchantShare = Math.subtractExact(posting.receivedMsat(), fee);
        Side in = posting.reversal() ? Side.CREDIT : Side.DEBIT;
        Side out = posting.reversal() ? Side.DEBIT : Side.CREDIT;
        List<JournalLine> lines = new ArrayList<>();
        addLine(lines, ONCHAIN_ASSETS, in, posting.onchainMsat());
        addLine(lines, LIGHTNING_ASSETS, in, posting.lightningMsat());
        addLine(lines, merchantBalanceAccount(posting.merchantId()), out, merchantShare);
        addLine(lines, FEE_REVENUE, out, fee);
        String description = posting.reversal()
                ? "Invoice " + posting.invoiceId() + " settlement reversed (marked invalid)"
                : "Invoice " + posting.invoiceId() + " settled";
        return new JournalEntry(posting.sourceKey(), description, posting.bookedAt(), lines);
    }

    private static void addLine(List<JournalLine> lines, String account, Side side, long amountMsat) {
        if (amountMsat > 0) {
            lines.add(new JournalLine(account, side, Msat.ofMsat(amountMsat), null, null));
        }
    }
}
