package com.flash.backoffice.workflows.payment;

import java.util.Objects;

/**
 * A treasury coin a funded PSBT spends.
 *
 * @param txid the transaction that created it
 * @param outputIndex its index in that transaction
 * @param valueSat its value
 * @param pkScriptHex the script it is locked with (hex), to check the signature against
 */
public record LockedInput(String txid, int outputIndex, long valueSat, String pkScriptHex) {

    public LockedInput {
        Objects.requireNonNull(txid, "txid");
        Objects.requireNonNull(pkScriptHex, "pkScriptHex");
        if (outputIndex < 0 || valueSat <= 0) {
            throw new IllegalArgumentException("bad input " + txid + ":" + outputIndex + " of " + valueSat + " sat");
        }
    }

    public String outpoint() {
        return txid + ":" + outputIndex;
    }
}
