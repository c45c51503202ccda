package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentBatch;
import com.flash.backoffice.db.payment.PaymentBatchRepository;
import com.flash.backoffice.db.payment.PaymentRepository;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pays on-chain in batches: the payment waits for a batcher run to gather it ({@link OnchainBatcherWorkflow}), for
 * its batch to be sent (at once from Flash's LND wallet, or once FINANCE uploads the signed PSBT of a cold batch),
 * and then follows the batch's transaction on the node to the configured depth. It never sends anything itself, so a
 * retry only waits again. A transaction a reorg dropped ends the payment as failed with the reason, so people
 * decide: a new attempt is a new payment in a later batch.
 */
public class BatchedOnchainPayer implements OnchainPayer {

    private final PaymentRepository payments;
    private final PaymentBatchRepository batches;
    private final OnchainWallet wallet;
    private final OnchainSendTracker tracker;
    private final OnchainPaymentProperties properties;

    public BatchedOnchainPayer(
            PaymentRepository payments,
            PaymentBatchRepository batches,
            OnchainWallet wallet,
            OnchainSendTracker tracker,
            OnchainPaymentProperties properties) {
        this.payments = payments;
        this.batches = batches;
        this.wallet = wallet;
        this.tracker = tracker;
        this.properties = properties;
    }

    @Override
    public PaymentResult pay(Payment payment, Consumer<String> heartbeat) {
        // sent alone under its own label before payments were batched: follow that one, never batch it again
        Optional<OnchainTransaction> alone =
                payment.batchId() == null ? wallet.findByLabel(payment.paymentId()) : Optional.empty();
        if (alone.isPresent()) {
            return follow(payment, alone.get().txid(), alone.get().feeMsat(), heartbeat);
        }
        // only now may the batcher gather it: nothing was sent for it under its own label
        payments.markInFlight(payment.paymentId());
        while (true) {
            Payment current = payments.find(payment.paymentId()).orElseThrow();
            if (current.batchId() == null) {
                heartbeat.accept("waiting for the next on-chain batch");
            } else {
                PaymentBatch batch = batches.find(current.batchId()).orElseThrow();
                switch (batch.status()) {
                    case OPEN -> heartbeat.accept(batch.label() + " is being sent");
                    case AWAITING_SIGNATURE -> heartbeat.accept(batch.label() + " waits for the signed PSBT");
                    case FAILED -> {
                        return PaymentResult.failed(
                                payment.paymentId(),
                                PaymentFailure.ERROR,
                                "On-chain batch " + batch.batchId() + " was not sent: " + batch.detail());
                    }
                    case BROADCAST -> {
                        List<Payment> together = batches.payments(batch.batchId());
                        long fee = BatchShares.feeShareMsat(batch.feeSat(), together, payment.paymentId());
                        return follow(payment, batch.txid(), fee, heartbeat);
                    }
                }
            }
            pause(payment.paymentId());
        }
    }

    private PaymentResult follow(Payment payment, String txid, long feeMsat, Consumer<String> heartbeat) {
        while (true) {
            OnchainSendState state = tracker.state(txid);
            heartbeat.accept(txid + " " + state.status() + " " + state.confirmations());
            if (state.status() == OnchainSendStatus.CONFIRMED && state.confirmations() >= properties.confirmations()) {
                return PaymentResult.succeeded(payment.paymentId(), feeMsat, txid);
            }
            if (state.status() == OnchainSendStatus.DROPPED) {
                return PaymentResult.failed(
                        payment.paymentId(),
                        PaymentFailure.ERROR,
                        "Transaction " + txid + " was dropped by a reorg; Flash's wallet still lists it");
            }
            pause(txid);
        }
    }

    private void pause(String following) {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following " + following, e);
        }
    }
}
