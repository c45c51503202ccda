package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.BatchSendResult;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentBatch;
import com.flash.backoffice.db.payment.PaymentBatchRepository;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Opens batches in the database and sends hot ones through {@link OnchainWallet}, once, under the batch's lock. */
public class PaymentBatchActivitiesImpl implements PaymentBatchActivities {

    private final PaymentBatchRepository batches;
    private final OnchainWallet wallet;
    private final OnchainPaymentProperties properties;

    public PaymentBatchActivitiesImpl(
            PaymentBatchRepository batches, OnchainWallet wallet, OnchainPaymentProperties properties) {
        this.batches = batches;
        this.wallet = wallet;
        this.properties = properties;
    }

    @Override
    public BatchOpening open(String runKey) {
        return batches.open(runKey, properties.custody(), properties.targetConf(), properties.batchMaxPayments())
                .map(b -> new BatchOpening(
                        b.batchId(), b.custody(), batches.payments(b.batchId()).size()))
                .orElse(null);
    }

    @Override
    public BatchOutcome sendHot(long batchId) {
        return outcome(batches.sendOnce(batchId, this::send));
    }

    private BatchSendResult send(PaymentBatch batch) {
        Optional<OnchainTransaction> sent = wallet.findByLabel(batch.label());
        if (sent.isPresent()) {
            return BatchSendResult.sent(sent.get().txid(), sent.get().feeSat(), null);
        }
        List<Payment> payments = batches.payments(batch.batchId());
        List<OnchainOutput> outputs = BatchShares.outputs(payments);
        long limit = BatchShares.feeLimitSat(payments);
        long estimate;
        try {
            estimate = wallet.estimateFeeSat(outputs, batch.targetConf());
        } catch (OnchainWalletException e) {
            return unpayable(e).orElseThrow(() -> e);
        }
        if (estimate > limit) {
            return BatchSendResult.notSent("The network fee for confirmation within " + batch.targetConf()
                    + " blocks would be " + estimate + " sat, above the " + limit
                    + " sat its payments allow together");
        }
        try {
            OnchainTransaction tx = wallet.sendBatch(batch.label(), outputs, batch.targetConf());
            return BatchSendResult.sent(tx.txid(), tx.feeSat(), null);
        } catch (IllegalArgumentException refused) {
            return BatchSendResult.notSent(refused.getMessage());
        } catch (OnchainWalletException e) {
            return unpayable(e).orElseThrow(() -> e);
        }
    }

    /** The wallet's refusals that a retry cannot change; anything else (LND unreachable) is retried. */
    private static Optional<BatchSendResult> unpayable(OnchainWalletException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("insufficient funds")) {
            return Optional.of(
                    BatchSendResult.notSent("Flash's on-chain wallet cannot cover the batch: " + e.getMessage()));
        }
        if (message.contains("dust") || message.contains("invalid address") || message.contains("decode address")) {
            return Optional.of(BatchSendResult.notSent("LND refused the batch: " + e.getMessage()));
        }
        return Optional.empty();
    }

    private static BatchOutcome outcome(PaymentBatch batch) {
        return batch.txid() == null
                ? new BatchOutcome(batch.batchId(), null, 0, batch.detail())
                : new BatchOutcome(batch.batchId(), batch.txid(), batch.feeSat(), null);
    }
}
