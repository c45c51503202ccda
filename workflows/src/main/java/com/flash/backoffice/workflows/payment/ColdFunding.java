package com.flash.backoffice.workflows.payment;

/**
 * A cold batch's PSBT as built: waiting for its signature, or not built, with why (the batch failed).
 *
 * @param detail why it was not built; null when it waits for the signature
 */
public record ColdFunding(long batchId, long feeSat, String detail) {

    public boolean funded() {
        return detail == null;
    }
}
