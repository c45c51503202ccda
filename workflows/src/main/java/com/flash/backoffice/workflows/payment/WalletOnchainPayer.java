package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.Payment;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pays on-chain from Flash's LND wallet: one transaction labelled with the payment id (the wallet finds it again on a
 * retry and never sends a second), followed on the node to the configured depth. A transaction a reorg dropped ends
 * the payment as failed with the reason, so people decide: the wallet still lists it, and a new attempt is a new
 * payment.
 */
public class WalletOnchainPayer implements OnchainPayer {

    private final OnchainWallet wallet;
    private final OnchainSendTracker tracker;
    private final OnchainPaymentProperties properties;

    public WalletOnchainPayer(OnchainWallet wallet, OnchainSendTracker tracker, OnchainPaymentProperties properties) {
        this.wallet = wallet;
        this.tracker = tracker;
        this.properties = properties;
    }

    @Override
    public PaymentResult pay(Payment payment, Consumer<String> heartbeat) {
        if (payment.amountMsat() % 1_000 != 0) {
            return PaymentResult.failed(
                    payment.paymentId(), PaymentFailure.INVALID_DESTINATION, "On-chain amounts are whole satoshis");
        }
        OnchainTransaction sent;
        try {
            sent = wallet.sendBatch(
                    payment.paymentId(),
                    List.of(new OnchainOutput(payment.destination(), payment.amountMsat() / 1_000)),
                    properties.targetConf());
        } catch (IllegalArgumentException refused) {
            return PaymentResult.failed(payment.paymentId(), PaymentFailure.INVALID_DESTINATION, refused.getMessage());
        }
        while (true) {
            OnchainSendState state = tracker.state(sent.txid());
            heartbeat.accept(sent.txid() + " " + state.status() + " " + state.confirmations());
            if (state.status() == OnchainSendStatus.CONFIRMED && state.confirmations() >= properties.confirmations()) {
                return PaymentResult.succeeded(payment.paymentId(), sent.feeMsat(), sent.txid());
            }
            if (state.status() == OnchainSendStatus.DROPPED) {
                return PaymentResult.failed(
                        payment.paymentId(),
                        PaymentFailure.ERROR,
                        "Transaction " + sent.txid() + " was dropped by a reorg; Flash's wallet still lists it");
            }
            try {
                Thread.sleep(properties.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while following " + sent.txid(), e);
            }
        }
    }
}
