package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.BatchSendResult;
import com.flash.backoffice.db.payment.BatchStatus;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentBatch;
import com.flash.backoffice.db.payment.PaymentBatchRepository;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens batches in the database and sends them once, under the batch's lock: hot ones through {@link OnchainWallet},
 * cold ones as a PSBT from {@link ColdTreasury} that FINANCE signs offline and uploads.
 */
public class PaymentBatchActivitiesImpl implements PaymentBatchActivities {

    private final PaymentBatchRepository batches;
    private final OnchainWallet wallet;
    private final ColdTreasury treasury;
    private final OnchainPaymentProperties properties;

    /**
     * @param treasury the cold treasury; null when none is configured (then a cold batch fails with that reason)
     */
    public PaymentBatchActivitiesImpl(
            PaymentBatchRepository batches,
            OnchainWallet wallet,
            ColdTreasury treasury,
            OnchainPaymentProperties properties) {
        this.batches = batches;
        this.wallet = wallet;
        this.treasury = treasury;
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

    @Override
    public ColdFunding fundCold(long batchId) {
        PaymentBatch batch = batches.find(batchId).orElseThrow();
        if (batch.status() == BatchStatus.AWAITING_SIGNATURE || batch.status() == BatchStatus.BROADCAST) {
            return new ColdFunding(batchId, FundingRecords.read(batch.funding()).feeSat(), null);
        }
        if (batch.status() == BatchStatus.FAILED) {
            return new ColdFunding(batchId, 0, batch.detail());
        }
        if (treasury == null) {
            return coldFailed(batchId, "No cold treasury is configured (flash.payment.cold.*)");
        }
        List<Payment> payments = batches.payments(batchId);
        FundedPsbt funded;
        try {
            funded = treasury.fund(batch.label(), BatchShares.outputs(payments), batch.targetConf());
        } catch (IllegalArgumentException refused) {
            return coldFailed(batchId, refused.getMessage());
        } catch (OnchainWalletException e) {
            Optional<BatchSendResult> unpayable = unpayable(e);
            if (unpayable.isPresent()) {
                return coldFailed(batchId, unpayable.get().failure());
            }
            throw e;
        }
        long limit = BatchShares.feeLimitSat(payments);
        if (funded.feeSat() > limit) {
            treasury.release(funded);
            return coldFailed(batchId, feeAboveLimit(batch, funded.feeSat(), limit));
        }
        batches.awaitSignature(batchId, FundingRecords.write(funded));
        return new ColdFunding(batchId, funded.feeSat(), null);
    }

    @Override
    public SignatureResult submitSignature(long batchId, SignatureUpload upload) {
        PaymentBatch batch = batches.find(batchId).orElseThrow();
        if (batch.status() == BatchStatus.BROADCAST) {
            return SignatureResult.broadcast(batch.txid(), batch.feeSat());
        }
        FundedPsbt funded = FundingRecords.read(batch.funding());
        List<Payment> payments = batches.payments(batchId);
        VerifiedTransaction verified;
        try {
            verified = treasury.verify(
                    funded, upload.content(), BatchShares.outputs(payments), BatchShares.feeLimitSat(payments));
        } catch (PsbtRefusal refused) {
            batches.noteRefusal(batchId, "Upload by " + upload.by() + " refused: " + refused.getMessage());
            return SignatureResult.refused(refused.reason().name(), refused.getMessage());
        }
        PaymentBatch sent = batches.sendOnce(
                batchId,
                pending -> BatchSendResult.sent(
                        treasury.publish(verified, pending.label()), verified.feeSat(), upload.by()));
        return sent.txid() == null
                ? SignatureResult.refused("NOT_SENT", sent.detail())
                : SignatureResult.broadcast(sent.txid(), sent.feeSat());
    }

    @Override
    public BatchOutcome abandonCold(long batchId, BatchAbandon abandon) {
        PaymentBatch batch = batches.find(batchId).orElseThrow();
        if (batch.funding() != null && treasury != null && !batch.status().isFinal()) {
            treasury.release(FundingRecords.read(batch.funding()));
        }
        return outcome(batches.fail(batchId, "Abandoned by " + abandon.by() + ": " + abandon.reason()));
    }

    private ColdFunding coldFailed(long batchId, String detail) {
        PaymentBatch failed = batches.fail(batchId, detail);
        return new ColdFunding(batchId, 0, failed.detail());
    }

    private static String feeAboveLimit(PaymentBatch batch, long feeSat, long limitSat) {
        return "The network fee for confirmation within " + batch.targetConf() + " blocks would be " + feeSat
                + " sat, above the " + limitSat + " sat its payments allow together";
    }

    private BatchSendResult send(PaymentBatch batch) {
        List<Payment> payments = batches.payments(batch.batchId());
        List<OnchainOutput> outputs = BatchShares.outputs(payments);
        Optional<OnchainTransaction> sent = wallet.findByLabel(batch.label());
        if (sent.isPresent()) {
            if (!sent.get().payments().containsAll(outputs)) {
                // never take another transaction for this batch's, nor send a second: people look at it
                throw new IllegalStateException("The wallet's transaction "
                        + sent.get().txid() + " labelled " + batch.label() + " does not pay this batch's outputs");
            }
            return BatchSendResult.sent(sent.get().txid(), sent.get().feeSat(), null);
        }
        long limit = BatchShares.feeLimitSat(payments);
        long estimate;
        try {
            estimate = wallet.estimateFeeSat(outputs, batch.targetConf());
        } catch (OnchainWalletException e) {
            return unpayable(e).orElseThrow(() -> e);
        }
        if (estimate > limit) {
            return BatchSendResult.notSent(feeAboveLimit(batch, estimate, limit));
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
