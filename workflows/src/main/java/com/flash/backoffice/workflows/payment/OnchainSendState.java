package com.flash.backoffice.workflows.payment;

/**
 * A sent transaction as the node sees it, beside what the wallet claims.
 *
 * @param confirmations the node's count on its best chain; 0 unless {@link OnchainSendStatus#CONFIRMED}
 * @param walletConfirmations what LND's wallet says, which can lag a reorg (see {@link OnchainSendTracker})
 */
public record OnchainSendState(String txid, OnchainSendStatus status, long confirmations, int walletConfirmations) {}
