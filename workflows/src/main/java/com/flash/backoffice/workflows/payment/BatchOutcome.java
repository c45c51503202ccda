package com.flash.backoffice.workflows.payment;

/**
 * What became of a batch: sent as {@code txid} (its payments now follow the confirmations), or not sent, with why.
 *
 * @param detail why nothing was sent; null when sent
 */
public record BatchOutcome(long batchId, String txid, long feeSat, String detail) {

    public boolean sent() {
        return txid != null;
    }
}
