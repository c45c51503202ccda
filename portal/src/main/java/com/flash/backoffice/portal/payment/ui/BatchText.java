package com.flash.backoffice.portal.payment.ui;

import com.flash.backoffice.db.payment.PaymentBatch;

/** How a batch's status reads to FINANCE. */
final class BatchText {

    private BatchText() {}

    static String status(PaymentBatch batch) {
        return switch (batch.status()) {
            case OPEN -> "Being sent";
            case AWAITING_SIGNATURE -> "Waiting for the signed PSBT";
            case BROADCAST -> "Broadcast";
            case FAILED -> "Not sent";
        };
    }
}
