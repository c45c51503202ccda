package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.ledger.Side;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.suspense.NewSuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger lines of an invoice, by custody (ARCHITECTURE.md, "Custody and the ledger"). A booking is the invoice's
 * position in the ledger (a signed amount per account, debit positive); a posting is the difference between the
 * positions after and before (zero lines are left out: the ledger refuses them). Per rail:
 *
 * <ul>
 *   <li>Lightning, and on-chain to Flash's wallet: Dr the rail's asset / Cr the merchant's balance (settled less the
 *       fee) + Cr processing fees; the overpaid part and payments to an expired invoice Cr suspense.
 *   <li>On-chain to the merchant's own wallet: Dr the merchant's fees receivable / Cr processing fees; the receipt
 *       itself, and anything paid above it, is the merchant's and no entry (a note in suspense, see {@link #receipts}).
 * </ul>
 *
 * The fee is the processing fee on each rail's settled amount, rounded down per rail (the merchant keeps the
 * fraction of a msat), so every position, and so every posting, balances exactly. Bookings of the legacy model keep
 * the entries of before custody: everything received as Flash's asset, the fee on the total.
 *
 * <p>An internal payment (a Flash card paying the invoice's Lightning invoice) is debited from the account that
 * funded it instead of the Lightning asset: one entry moves the value from the card to the merchant.
 */
public final class SettlementEntries {

    private SettlementEntries() {}

    /** The invoice's position in the ledger for this booking: account → signed msat (debit positive). */
    public static Map<NewLedgerAccount, Long> position(
            SettlementBooking booking, String merchantId, int feeBasisPoints, OnchainCustody custody) {
        Position position = new Position(merchantId);
        if (booking.fundedBy() != null) {
            position.add(booking.fundedBy(), booking.lightningFundedMsat());
        }
        if (!booking.byCustody()) {
            long received = Math.addExact(booking.onchainMsat(), booking.lightningMsat());
            long fee = InvoiceAmounts.fee(received, feeBasisPoints);
            position.add(ChartOfAccounts.ONCHAIN_ASSETS, booking.onchainMsat());
            position.add(
                    ChartOfAccounts.LIGHTNING_ASSETS,
                    Math.subtractExact(booking.lightningMsat(), booking.lightningFundedMsat()));
            position.add(position.merchantBalance, -Math.subtractExact(received, fee));
            position.add(ChartOfAccounts.PROCESSING_FEE_REVENUE, -fee);
            return position.amounts;
        }
        for (PaymentMethod rail : PaymentMethod.values()) {
            long settled = booking.settledMsat(rail);
            long fee = InvoiceAmounts.fee(settled, feeBasisPoints);
            if (custodial(rail, custody)) {
                long suspense = Math.addExact(
                        booking.suspenseMsat(SuspenseKind.OVERPAID, rail),
                        booking.suspenseMsat(SuspenseKind.PAID_TO_EXPIRED, rail));
                long funded = rail == PaymentMethod.BTC_LN ? booking.lightningFundedMsat() : 0;
                position.add(asset(rail), Math.subtractExact(Math.addExact(settled, suspense), funded));
                position.add(position.merchantBalance, -Math.subtractExact(settled, fee));
                position.add(ChartOfAccounts.UNALLOCATED_RECEIPTS, -suspense);
            } else {
                position.add(position.feesReceivable, fee);
            }
            position.add(ChartOfAccounts.PROCESSING_FEE_REVENUE, -fee);
        }
        return position.amounts;
    }

    public static JournalEntry journalEntry(SettlementPosting posting) {
        return journalEntry(posting, 0);
    }

    /**
     * The posting's entry. {@code allocatedMsat} is what staff already allocated from this invoice's receipts in
     * suspense that the posting moves out of suspense: it left suspense for the merchant's balance before, so the
     * posting moves only the rest and takes that much less for (or back from) the merchant.
     */
    public static JournalEntry journalEntry(SettlementPosting posting, long allocatedMsat) {
        Map<NewLedgerAccount, Long> after = positionOf(posting.after(), posting);
        Map<NewLedgerAccount, Long> before = positionOf(posting.before(), posting);
        Map<NewLedgerAccount, Long> difference = new LinkedHashMap<>();
        for (Map<NewLedgerAccount, Long> position : List.of(after, before)) {
            for (NewLedgerAccount account : position.keySet()) {
                difference.put(
                        account, Math.subtractExact(after.getOrDefault(account, 0L), before.getOrDefault(account, 0L)));
            }
        }
        if (allocatedMsat > 0) {
            difference.merge(ChartOfAccounts.UNALLOCATED_RECEIPTS, -allocatedMsat, Math::addExact);
            difference.merge(ChartOfAccounts.merchantBalance(posting.merchantId()), allocatedMsat, Math::addExact);
        }
        List<JournalLine> lines = new ArrayList<>();
        difference.forEach((account, amount) -> {
            if (amount != 0) {
                Side side = amount > 0 ? Side.DEBIT : Side.CREDIT;
                lines.add(new JournalLine(account.code(), side, Msat.ofMsat(Math.absExact(amount)), null, null));
            }
        });
        String description = "Invoice " + posting.invoiceId() + " " + posting.purpose().description;
        return new JournalEntry(posting.sourceKey(), description, posting.bookedAt(), lines);
    }

    /** The accounts the posting's lines may name (per-merchant ones are created on first use). */
    public static List<NewLedgerAccount> merchantAccounts(String merchantId) {
        return List.of(ChartOfAccounts.merchantBalance(merchantId), ChartOfAccounts.feesReceivable(merchantId));
    }

    /**
     * The receipts the posting puts in suspense: one per kind and rail whose amount grew, custodial (named by the
     * posting's entry) or a note (merchant's wallet). The first receipt of a kind has the plain key
     * ({@code invoice-<id>-overpaid}, {@code invoice-<id>-paid-to-expired}); a later increase, and any after the
     * settlement (a payment to the settled invoice), adds the posting number.
     */
    public static List<NewSuspenseReceipt> receipts(SettlementPosting posting) {
        List<NewSuspenseReceipt> receipts = new ArrayList<>();
        if (!posting.after().byCustody()) {
            return receipts;
        }
        for (SuspenseKind kind : List.of(SuspenseKind.OVERPAID, SuspenseKind.PAID_TO_EXPIRED)) {
            // a receipt's amount is fixed: after settlement each posting that grows suspense records its own
            boolean first =
                    total(posting.before(), kind) == 0 && !posting.before().inForce();
            String key = "invoice-" + posting.invoiceId() + "-" + keyWord(kind)
                    + (first ? "" : "-" + posting.postingNumber());
            boolean keyTaken = false;
            for (PaymentMethod rail : List.of(PaymentMethod.BTC_LN, PaymentMethod.BTC_CHAIN)) {
                long grown = Math.subtractExact(
                        posting.after().suspenseMsat(kind, rail),
                        posting.before().suspenseMsat(kind, rail));
                if (grown <= 0) {
                    continue;
                }
                boolean custodial = custodial(rail, posting.onchainCustody());
                receipts.add(new NewSuspenseReceipt(
                        keyTaken ? key + "-onchain" : key,
                        kind,
                        custodial,
                        posting.invoiceId(),
                        posting.merchantId(),
                        rail,
                        null,
                        null,
                        grown,
                        custodial ? posting.sourceKey() : null,
                        posting.bookedAt()));
                keyTaken = true;
            }
        }
        return receipts;
    }

    /** What the posting takes out of suspense, per kind and rail (a mark Settled, a reversal, a dropped payment). */
    public static List<SuspenseRelease> releases(SettlementPosting posting) {
        List<SuspenseRelease> releases = new ArrayList<>();
        for (SuspenseKind kind : List.of(SuspenseKind.OVERPAID, SuspenseKind.PAID_TO_EXPIRED)) {
            for (PaymentMethod rail : List.of(PaymentMethod.BTC_LN, PaymentMethod.BTC_CHAIN)) {
                long shrunk = Math.subtractExact(
                        posting.before().suspenseMsat(kind, rail),
                        posting.after().suspenseMsat(kind, rail));
                if (shrunk > 0) {
                    releases.add(new SuspenseRelease(kind, rail, custodial(rail, posting.onchainCustody()), shrunk));
                }
            }
        }
        return releases;
    }

    /** An amount the posting takes out of suspense for one kind and rail; {@code custodial} false: a note's. */
    public record SuspenseRelease(SuspenseKind kind, PaymentMethod method, boolean custodial, long amountMsat) {}

    static boolean custodial(PaymentMethod rail, OnchainCustody custody) {
        return rail == PaymentMethod.BTC_LN || custody.custodial();
    }

    private static Map<NewLedgerAccount, Long> positionOf(SettlementBooking booking, SettlementPosting posting) {
        return position(booking, posting.merchantId(), posting.processingFeeBasisPoints(), posting.onchainCustody());
    }

    private static NewLedgerAccount asset(PaymentMethod rail) {
        return rail == PaymentMethod.BTC_LN ? ChartOfAccounts.LIGHTNING_ASSETS : ChartOfAccounts.ONCHAIN_ASSETS;
    }

    private static long total(SettlementBooking booking, SuspenseKind kind) {
        return Math.addExact(
                booking.suspenseMsat(kind, PaymentMethod.BTC_LN), booking.suspenseMsat(kind, PaymentMethod.BTC_CHAIN));
    }

    private static String keyWord(SuspenseKind kind) {
        return kind == SuspenseKind.OVERPAID ? "overpaid" : "paid-to-expired";
    }

    /** Every account an invoice can touch, in the order its lines are written. */
    private static final class Position {
        final NewLedgerAccount merchantBalance;
        final NewLedgerAccount feesReceivable;
        final Map<NewLedgerAccount, Long> amounts = new LinkedHashMap<>();

        Position(String merchantId) {
            merchantBalance = ChartOfAccounts.merchantBalance(merchantId);
            feesReceivable = ChartOfAccounts.feesReceivable(merchantId);
            for (NewLedgerAccount account : List.of(
                    ChartOfAccounts.ONCHAIN_ASSETS,
                    ChartOfAccounts.LIGHTNING_ASSETS,
                    feesReceivable,
                    merchantBalance,
                    ChartOfAccounts.UNALLOCATED_RECEIPTS,
                    ChartOfAccounts.PROCESSING_FEE_REVENUE)) {
                amounts.put(account, 0L);
            }
        }

        void add(NewLedgerAccount account, long signedMsat) {
            amounts.merge(account, signedMsat, Math::addExact);
        }
    }
}
