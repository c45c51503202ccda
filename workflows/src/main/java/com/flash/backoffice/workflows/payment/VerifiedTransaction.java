package com.flash.backoffice.workflows.payment;

import java.util.List;
import java.util.Objects;

/**
 * A signed transaction that pays exactly the approved outputs from the funded inputs, ready to broadcast.
 *
 * @param txid its id
 * @param rawTxHex the transaction as broadcast (hex)
 * @param feeSat the network fee it pays: inputs less outputs
 * @param payments the approved outputs it pays
 * @param changeSat what it pays back to the treasury account
 */
public record VerifiedTransaction(
        String txid, String rawTxHex, long feeSat, List<OnchainOutput> payments, long changeSat) {

    public VerifiedTransaction {
        Objects.requireNonNull(txid, "txid");
        Objects.requireNonNull(rawTxHex, "rawTxHex");
        payments = List.copyOf(payments);
    }
}
