package com.flash.backoffice.workflows.replay;

import com.flash.backoffice.workflows.approval.ApprovalActivities;
import com.flash.backoffice.workflows.approval.ApprovalClosing;
import com.flash.backoffice.workflows.approval.ApprovalOpening;
import com.flash.backoffice.workflows.approval.ApprovalRecording;
import com.flash.backoffice.workflows.approval.ApprovalReminder;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentFailure;
import com.flash.backoffice.workflows.payment.PaymentOrder;
import com.flash.backoffice.workflows.payment.PaymentResult;
import com.flash.backoffice.workflows.payout.PayoutActivities;
import com.flash.backoffice.workflows.payout.PayoutStep;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory activities of a payout for the recorder: steps kept in order, payments answered as scripted (a payment id
 * ending in {@code -fails} fails with NO_ROUTE; one ending in {@code -throws-once} throws on its first attempt), the approvals inbox a no-op.
 */
final class ScriptedPayoutActivities {

    final List<PayoutStep> steps = new CopyOnWriteArrayList<>();
    final Map<String, Integer> payments = new ConcurrentHashMap<>();

    final PayoutActivities payout = new PayoutActivities() {
        @Override
        public void announceRequest(String payoutId) {}

        @Override
        public void saveStep(PayoutStep step) {
            steps.add(step);
        }

        @Override
        public void notifyMerchant(PayoutStep step) {}
    };

    final PaymentActivities payment = (PaymentOrder order) -> {
        int attempt = payments.merge(order.paymentId(), 1, Integer::sum);
        if (order.paymentId().endsWith("throws-once") && attempt == 1) {
            throw new IllegalStateException("the node did not answer in time");
        }
        return order.paymentId().endsWith("fails")
                ? PaymentResult.failed(order.paymentId(), PaymentFailure.NO_ROUTE, "no route")
                : PaymentResult.succeeded(order.paymentId(), 1_000, "00".repeat(32));
    };

    final ApprovalActivities approval = new ApprovalActivities() {
        @Override
        public void open(ApprovalOpening opening) {}

        @Override
        public void record(ApprovalRecording recording) {}

        @Override
        public void remind(ApprovalReminder reminder) {}

        @Override
        public void close(ApprovalClosing closing) {}
    };
}
