package com.flash.backoffice.portal.suspense;

import com.flash.backoffice.db.ledger.AccountBalance;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.PostingResult;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.StaffRoles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receipts to resolve: value received that belongs to no settled amount. FINANCE watches settlement, so FINANCE
 * allocates a custodial receipt to a merchant's balance (Dr unallocated receipts / Cr the merchant) or acknowledges
 * a note; leaving a receipt open is how it waits for a refund. Each resolution is one transaction: the conditional
 * update of the receipt, the entry and the audit row.
 */
@Service
public class SuspenseService {

    static final int OPEN_RECEIPTS_SHOWN = 500;

    private final SuspenseReceiptRepository receipts;
    private final LedgerRepository ledger;
    private final MerchantRepository merchants;
    private final AuditService audit;

    SuspenseService(
            SuspenseReceiptRepository receipts,
            LedgerRepository ledger,
            MerchantRepository merchants,
            AuditService audit) {
        this.receipts = receipts;
        this.ledger = ledger;
        this.merchants = merchants;
        this.audit = audit;
    }

    @PreAuthorize("hasAnyRole('" + StaffRoles.FINANCE + "', '" + StaffRoles.SUPPORT + "', '" + StaffRoles.ADMIN + "')")
    @Transactional(readOnly = true)
    public SuspenseOverview overview() {
        return new SuspenseOverview(
                suspenseBalance(), Msat.ofMsat(receipts.openCustodialMsat()), receipts.findOpen(OPEN_RECEIPTS_SHOWN));
    }

    /** Merchants whose name contains {@code filter} (null for all), by name. */
    @PreAuthorize("hasRole('" + StaffRoles.FINANCE + "')")
    public List<MerchantChoice> merchants(String filter, int offset, int limit) {
        return merchants.findAll(offset, limit, filter).stream()
                .map(merchant -> new MerchantChoice(merchant.id(), merchant.name()))
                .toList();
    }

    @PreAuthorize("hasRole('" + StaffRoles.FINANCE + "')")
    public Optional<MerchantChoice> merchant(String merchantId) {
        return merchantId == null
                ? Optional.empty()
                : merchants.findById(merchantId).map(merchant -> new MerchantChoice(merchant.id(), merchant.name()));
    }

    @PreAuthorize("hasRole('" + StaffRoles.FINANCE + "')")
    @Transactional
    public ResolveOutcome allocate(Allocation allocation) {
        if (isBlank(allocation.reason())) {
            return ResolveOutcome.REASON_REQUIRED;
        }
        if (allocation.amount() == null || !allocation.amount().isPositive()) {
            return ResolveOutcome.AMOUNT_NOT_POSITIVE;
        }
        Optional<SuspenseReceipt> found = receipts.findById(allocation.receiptId());
        if (found.isEmpty()) {
            return ResolveOutcome.RECEIPT_NOT_FOUND;
        }
        SuspenseReceipt receipt = found.get();
        if (!receipt.custodial()) {
            return ResolveOutcome.RECEIPT_IS_A_NOTE;
        }
        if (allocation.merchantId() == null
                || merchants.findById(allocation.merchantId()).isEmpty()) {
            return ResolveOutcome.MERCHANT_NOT_FOUND;
        }
        if (receipt.revision() != allocation.revision()) {
            return ResolveOutcome.STALE_REVISION;
        }
        if (allocation.amount().msat() > receipt.openMsat()) {
            return ResolveOutcome.AMOUNT_ABOVE_OPEN;
        }
        if (allocation.amount().compareTo(suspenseBalance()) > 0) {
            return ResolveOutcome.AMOUNT_ABOVE_SUSPENSE_BALANCE;
        }
        if (!receipts.resolve(
                receipt.id(), allocation.revision(), allocation.amount().msat())) {
            return ResolveOutcome.STALE_REVISION;
        }
        ledger.createAccount(ChartOfAccounts.merchantBalance(allocation.merchantId()));
        String sourceKey = "suspense-allocation-" + receipt.id() + "-" + allocation.revision();
        PostingResult posted = ledger.post(new JournalEntry(
                sourceKey,
                "Suspense receipt " + receipt.id() + " (" + receipt.receiptKey() + ") allocated to merchant "
                        + allocation.merchantId(),
                UtcTimestamps.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.UNALLOCATED_RECEIPTS.code(), allocation.amount()),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(allocation.merchantId())
                                        .code(),
                                allocation.amount()))));
        if (posted != PostingResult.POSTED) {
            // the receipt update above won this revision, so the key cannot have been posted before
            throw new IllegalStateException("ledger entry " + sourceKey + " exists already");
        }
        SuspenseReceipt after = receipts.findById(receipt.id()).orElseThrow();
        audit.record(
                "suspense.allocate",
                "suspense-receipt",
                String.valueOf(receipt.id()),
                receipt,
                Map.of(
                        "receipt",
                        after,
                        "merchantId",
                        allocation.merchantId(),
                        "amountMsat",
                        allocation.amount().msat(),
                        "ledgerSourceKey",
                        sourceKey),
                allocation.reason().strip());
        return ResolveOutcome.ALLOCATED;
    }

    /**
     * Resolves a note (a receipt on the merchant's own wallet) in full: nothing was booked, so nothing is posted;
     * the audit row says who looked at it and why.
     */
    @PreAuthorize("hasRole('" + StaffRoles.FINANCE + "')")
    @Transactional
    public ResolveOutcome acknowledge(long receiptId, int revision, String reason) {
        if (isBlank(reason)) {
            return ResolveOutcome.REASON_REQUIRED;
        }
        Optional<SuspenseReceipt> found = receipts.findById(receiptId);
        if (found.isEmpty()) {
            return ResolveOutcome.RECEIPT_NOT_FOUND;
        }
        SuspenseReceipt receipt = found.get();
        if (receipt.custodial()) {
            return ResolveOutcome.RECEIPT_IS_CUSTODIAL;
        }
        if (receipt.revision() != revision) {
            return ResolveOutcome.STALE_REVISION;
        }
        if (receipt.openMsat() == 0) {
            return ResolveOutcome.NOTHING_OPEN;
        }
        if (!receipts.resolve(receiptId, revision, receipt.openMsat())) {
            return ResolveOutcome.STALE_REVISION;
        }
        audit.record(
                "suspense.acknowledge",
                "suspense-receipt",
                String.valueOf(receiptId),
                receipt,
                receipts.findById(receiptId).orElseThrow(),
                reason.strip());
        return ResolveOutcome.ACKNOWLEDGED;
    }

    private Msat suspenseBalance() {
        return ledger.accountBalance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code())
                .map(AccountBalance::balanceMsat)
                .orElse(Msat.ZERO);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
