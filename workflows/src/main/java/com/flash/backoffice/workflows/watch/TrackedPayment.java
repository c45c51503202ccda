package com.flash.backoffice.workflows.watch;

/**
 * An on-chain payment the chain watcher follows until it is deep enough: where it was mined (null height while in
 * the mempool), what it needs, and the confirmations last signalled.
 */
record TrackedPayment(
        String paymentRef,
        String txid,
        String invoiceId,
        String address,
        long amountMsat,
        boolean rbf,
        int cap,
        Long height,
        String blockHash,
        int signalled) {

    boolean confirmed() {
        return height != null;
    }

    /** Confirmations at a tip of height {@code tip}, capped at what the invoice needs (at least 1 once mined). */
    int confirmationsAt(long tip) {
        if (height == null) {
            return 0;
        }
        long depth = tip - height + 1;
        return (int) Math.max(0, Math.min(depth, cap));
    }

    TrackedPayment minedIn(long newHeight, String newBlockHash) {
        return new TrackedPayment(
                paymentRef, txid, invoiceId, address, amountMsat, rbf, cap, newHeight, newBlockHash, signalled);
    }

    TrackedPayment unconfirmed() {
        return new TrackedPayment(paymentRef, txid, invoiceId, address, amountMsat, rbf, cap, null, null, signalled);
    }

    TrackedPayment withSignalled(int value) {
        return new TrackedPayment(paymentRef, txid, invoiceId, address, amountMsat, rbf, cap, height, blockHash, value);
    }
}
