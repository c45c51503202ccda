package com.flash.backoffice.workflows.replay;

import com.flash.backoffice.db.payment.BatchCustody;
import com.flash.backoffice.workflows.payment.BatchOpening;
import com.flash.backoffice.workflows.payment.BatchOutcome;
import com.flash.backoffice.workflows.payment.PaymentBatchActivities;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The batcher's steps for recording: the first run of a history opens batch 1 (odd batch ids are sent, even ones
 * are not: their fee is above the limit), the later runs find nothing waiting.
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
}
