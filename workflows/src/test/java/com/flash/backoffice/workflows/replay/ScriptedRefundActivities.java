package com.flash.backoffice.workflows.replay;

import com.flash.backoffice.db.refund.RefundReservation;
import com.flash.backoffice.workflows.refund.RefundActivities;
import com.flash.backoffice.workflows.refund.RefundReservationOrder;
import com.flash.backoffice.workflows.refund.RefundStep;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory activities of a refund for the recorder: steps kept in order; a reservation is refused for a refund id
 * ending in {@code -spent} (the merchant's balance no longer covers it).
 */
final class ScriptedRefundActivities implements RefundActivities {

    final List<RefundStep> steps = new CopyOnWriteArrayList<>();

    @Override
    public void announceRequest(String refundId) {}

    @Override
    public RefundReservation reserve(RefundReservationOrder order) {
        return order.refundId().endsWith("-spent")
                ? RefundReservation.refused(1_000_000, "the merchant's payable balance cannot cover the refund")
                : RefundReservation.reserved(1_000_000);
    }

    @Override
    public void saveStep(RefundStep step) {
        steps.add(step);
    }

    @Override
    public void mailClaimLink(String refundId) {}

    @Override
    public void announceRefunded(String refundId) {}
}
