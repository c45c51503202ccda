package com.flash.backoffice.workflows.payment;

import java.util.List;
import java.util.Objects;

/**
 * A transaction of Flash's on-chain wallet as the wallet sees it.
 *
 * @param label the label it was sent with (the business id of the batch); empty when it has none
 * @param confirmations 0 while unconfirmed, as the wallet counts; a transaction a reorg dropped stays at 0 in
 *     LND's wallet (see {@link OnchainWallet#confirmations})
 * @param blockHeight the height of its block; 0 while unconfirmed
 * @param feeSat the network fee it paid, in satoshi (inputs less outputs)
 * @param payments its outputs to addresses that are not the wallet's own (change excluded)
 */
public record OnchainTransaction(
        String txid, String label, int confirmations, long blockHeight, long feeSat, List<OnchainOutput> payments) {

    public OnchainTransaction {
        Objects.requireNonNull(txid, "txid");
        label = label == null ? "" : label;
        payments = List.copyOf(payments);
        if (confirmations < 0 || blockHeight < 0 || feeSat < 0) {
            throw new IllegalArgumentException(
                    "negative confirmations, height or fee: " + confirmations + ", " + blockHeight + ", " + feeSat);
        }
    }

    public long feeMsat() {
        return Math.multiplyExact(feeSat, 1000L);
    }
}
