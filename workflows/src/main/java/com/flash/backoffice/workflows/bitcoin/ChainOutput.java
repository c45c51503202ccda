package com.flash.backoffice.workflows.bitcoin;

import java.util.Objects;

/**
 * One output of a transaction. {@code address} is null for outputs without one (OP_RETURN, bare multisig).
 * Amounts are whole satoshis, converted exactly from the node's decimal BTC.
 */
public record ChainOutput(String txid, int vout, String address, long amountSat) {

    public ChainOutput {
        Objects.requireNonNull(txid, "txid");
        if (vout < 0) {
            throw new IllegalArgumentException("vout cannot be negative: " + vout);
        }
        if (amountSat < 0) {
            throw new IllegalArgumentException("amountSat cannot be negative: " + amountSat);
        }
    }

    public long amountMsat() {
        return Math.multiplyExact(amountSat, 1000L);
    }

    /** The payment reference the invoice workflow knows it by: {@code txid:vout}. */
    public String paymentRef() {
        return txid + ":" + vout;
    }
}
