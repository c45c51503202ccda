package com.flash.backoffice.workflows.replay;

import com.flash.backoffice.db.payment.BatchCustody;
import com.flash.backoffice.workflows.payment.BatchAbandon;
import com.flash.backoffice.workflows.payment.BatchOpening;
import com.flash.backoffice.workflows.payment.BatchOutcome;
import com.flash.backoffice.workflows.payment.ColdFunding;
import com.flash.backoffice.workflows.payment.PaymentBatchActivities;
import com.flash.backoffice.workflows.payment.SignatureResult;
import com.flash.backoffice.workflows.payment.SignatureUpload;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The batcher's steps for recording: the first run of a history opens batch 1 (odd batch ids are sent, even ones
 * are not: their fee is above the limit), the later runs find nothing waiting. A cold batch is funded; an upload of
 * "tampered" is refused, any other is broadcast.
 */
final class ScriptedBatchActivities implements PaymentBatchActivities {

    private final AtomicInteger opened = new AtomicInteger();

    @Override
    public BatchOpening open(String runKey) {
        return runKey.endsWith("/1") ? new BatchOpening(opened.incrementAndGet(), BatchCustody.HOT, 3) : null;
    }

    @Override
    public BatchOutcome sendHot(long batchId) {
        return batchId % 2 == 1
                ? new BatchOutcome(batchId, "ab".repeat(32), 1_410, null)
                : new BatchOutcome(batchId, null, 0, "The network fee would be 1410 sat, above the 0 sat allowed");
    }

    @Override
    public ColdFunding fundCold(long batchId) {
        return new ColdFunding(batchId, 1_410, null);
    }

    @Override
    public SignatureResult submitSignature(long batchId, SignatureUpload upload) {
        return new String(upload.content(), java.nio.charset.StandardCharsets.UTF_8).equals("tampered")
                ? SignatureResult.refused("AMOUNT_DIFFERS", "bcrt1qreplay is paid 2 sat, not the approved 1 sat")
                : SignatureResult.broadcast("cd".repeat(32), 1_410);
    }

    @Override
    public BatchOutcome abandonCold(long batchId, BatchAbandon abandon) {
        return new BatchOutcome(batchId, null, 0, "Abandoned by " + abandon.by() + ": " + abandon.reason());
    }
}
