package com.flash.backoffice.workflows.payment;

/**
 * What became of a signed upload: broadcast as {@code txid}, or refused with the reason (nothing broadcast; the batch
 * waits for a good upload).
 *
 * @param refusal the {@code PsbtRefusal.Reason} name; null when broadcast
 */
public record SignatureResult(String txid, long feeSat, String refusal, String message) {

    public static SignatureResult broadcast(String txid, long feeSat) {
        return new SignatureResult(txid, feeSat, null, "Broadcast as " + txid);
    }

    public static SignatureResult refused(String refusal, String message) {
        return new SignatureResult(null, 0, refusal, message);
    }

    public boolean accepted() {
        return txid != null;
    }
}
