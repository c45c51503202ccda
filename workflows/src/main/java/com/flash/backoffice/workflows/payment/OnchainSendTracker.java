package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.workflows.bitcoin.BitcoinNode;
import com.flash.backoffice.workflows.bitcoin.ChainTransaction;
import com.flash.backoffice.workflows.bitcoin.TransactionNotFoundException;
import java.util.Objects;

/**
 * Follows a transaction of Flash's wallet on the full node. LND's wallet alone cannot tell a dropped transaction
 * from a pending one: after a reorg that invalidates a batch it lists the batch as unconfirmed (0 confirmations,
 * height 0) for good, and it may even keep counting confirmations of a funding transaction whose block left the
 * chain (OnchainSendRegtestIT). The node (with {@code txindex}) is the authority for the chain.
 */
public final class OnchainSendTracker {

    private final OnchainWallet wallet;
    private final BitcoinNode node;

    public OnchainSendTracker(OnchainWallet wallet, BitcoinNode node) {
        this.wallet = Objects.requireNonNull(wallet, "wallet");
        this.node = Objects.requireNonNull(node, "node");
    }

    /** Throws {@link OnchainWalletException} for a transaction the wallet never sent nor received. */
    public OnchainSendState state(String txid) {
        int walletConfirmations = wallet.confirmations(txid);
        ChainTransaction onChain;
        try {
            onChain = node.transaction(txid);
        } catch (TransactionNotFoundException e) {
            return new OnchainSendState(txid, OnchainSendStatus.DROPPED, 0, walletConfirmations);
        }
        if (onChain.inMempool() || onChain.confirmations() == 0) {
            return new OnchainSendState(txid, OnchainSendStatus.IN_MEMPOOL, 0, walletConfirmations);
        }
        return new OnchainSendState(txid, OnchainSendStatus.CONFIRMED, onChain.confirmations(), walletConfirmations);
    }
}
