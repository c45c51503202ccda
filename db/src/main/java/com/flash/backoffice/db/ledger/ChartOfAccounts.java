package com.flash.backoffice.db.ledger;

import java.util.List;
import java.util.Objects;

/**
 * Flash's chart of accounts: the only place that spells an account code. Nothing is an asset of Flash unless
 * Flash's keys control it (ARCHITECTURE.md, "Custody and the ledger"). The fixed accounts are created by the
 * migrations ({@link #FIXED}); an account per merchant, card or campaign is created on first use from the
 * {@link NewLedgerAccount} its method returns.
 */
public final class ChartOfAccounts {

    /** Coins in Flash's own on-chain wallet (the LND node's wallet or the cold treasury). */
    public static final NewLedgerAccount ONCHAIN_ASSETS =
            fixed("assets:bitcoin:onchain", "Bitcoin on-chain", AccountType.ASSET);

    /** Coins in channels of Flash's Lightning node. */
    public static final NewLedgerAccount LIGHTNING_ASSETS =
            fixed("assets:bitcoin:lightning", "Bitcoin Lightning", AccountType.ASSET);

    public static final NewLedgerAccount PROCESSING_FEE_REVENUE =
            fixed("revenue:processing-fees", "Processing fees", AccountType.REVENUE);

    /** Received on a custodial rail, owner unclear (overpaid, late, after monitoring) until staff allocate it. */
    public static final NewLedgerAccount UNALLOCATED_RECEIPTS =
            fixed("liabilities:unallocated-receipts", "Unallocated receipts (suspense)", AccountType.LIABILITY);

    public static final NewLedgerAccount NETWORK_FEES =
            fixed("expenses:network-fees", "Network and routing fees", AccountType.EXPENSE);

    public static final NewLedgerAccount OWNER_EQUITY = fixed("equity:owner", "Owner equity", AccountType.EQUITY);

    /** What Flash gives cards of its own: FINANCE's manual top-ups (no coins arrive; Flash's own ones back them). */
    public static final NewLedgerAccount CARD_MANUAL_TOP_UPS =
            fixed("expenses:card-manual-top-ups", "Manual card top-ups", AccountType.EXPENSE);

    public static final List<NewLedgerAccount> FIXED = List.of(
            ONCHAIN_ASSETS,
            LIGHTNING_ASSETS,
            PROCESSING_FEE_REVENUE,
            UNALLOCATED_RECEIPTS,
            NETWORK_FEES,
            OWNER_EQUITY,
            CARD_MANUAL_TOP_UPS);

    private static final String MERCHANT_BALANCE_PREFIX = "liabilities:merchant:";
    private static final String FEES_RECEIVABLE_PREFIX = "assets:fees-receivable:merchant:";
    private static final String PAYOUTS_PENDING_PREFIX = "liabilities:payouts-pending:merchant:";
    private static final String REFUNDS_PENDING_PREFIX = "liabilities:refunds-pending:merchant:";
    private static final String REFUNDS_RECEIVABLE_PREFIX = "assets:refunds-receivable:merchant:";
    private static final String CARD_BALANCE_PREFIX = "liabilities:card:";
    private static final String CARD_PENDING_PREFIX = "liabilities:card-pending:";

    private ChartOfAccounts() {}

    /** What Flash owes the merchant: custodial receipts net of fees, less payouts. */
    public static NewLedgerAccount merchantBalance(String merchantId) {
        return new NewLedgerAccount(
                MERCHANT_BALANCE_PREFIX + requireId(merchantId),
                "Merchant balance " + merchantId,
                AccountType.LIABILITY,
                merchantId);
    }

    /** Processing fees a non-custodial merchant owes Flash (its coins never passed through Flash's keys). */
    public static NewLedgerAccount feesReceivable(String merchantId) {
        return new NewLedgerAccount(
                FEES_RECEIVABLE_PREFIX + requireId(merchantId),
                "Fees receivable from merchant " + merchantId,
                AccountType.ASSET,
                merchantId);
    }

    /** Payouts requested and not yet paid or released: still owed to the merchant, no longer payable. */
    public static NewLedgerAccount payoutsPending(String merchantId) {
        return new NewLedgerAccount(
                PAYOUTS_PENDING_PREFIX + requireId(merchantId),
                "Payouts pending for merchant " + merchantId,
                AccountType.LIABILITY,
                merchantId);
    }

    /** Refunds approved and not yet paid or released: owed to the merchant's customers, no longer to the merchant. */
    public static NewLedgerAccount refundsPending(String merchantId) {
        return new NewLedgerAccount(
                REFUNDS_PENDING_PREFIX + requireId(merchantId),
                "Refunds pending for merchant " + merchantId,
                AccountType.LIABILITY,
                merchantId);
    }

    /** What a refund took beyond the merchant's balance, when FINANCE allowed it: the merchant owes it to Flash. */
    public static NewLedgerAccount refundsReceivable(String merchantId) {
        return new NewLedgerAccount(
                REFUNDS_RECEIVABLE_PREFIX + requireId(merchantId),
                "Refunds receivable from merchant " + merchantId,
                AccountType.ASSET,
                merchantId);
    }

    /** What Flash owes the holder of a Flash card: the card's balance. */
    public static NewLedgerAccount cardBalance(String cardId) {
        return new NewLedgerAccount(
                CARD_BALANCE_PREFIX + requireId(cardId), "Flash card " + cardId, AccountType.LIABILITY, null);
    }

    /** A card's taps being paid: out of its balance, not yet out of Flash's node. */
    public static NewLedgerAccount cardPending(String cardId) {
        return new NewLedgerAccount(
                CARD_PENDING_PREFIX + requireId(cardId),
                "Flash card " + cardId + " payments in flight",
                AccountType.LIABILITY,
                null);
    }

    private static NewLedgerAccount fixed(String code, String name, AccountType type) {
        return new NewLedgerAccount(code, name, type, null);
    }

    private static String requireId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.contains(":")) {
            throw new IllegalArgumentException("not an account owner id: '" + id + "'");
        }
        return id;
    }
}
