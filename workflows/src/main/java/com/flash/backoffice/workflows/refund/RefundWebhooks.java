package com.flash.backoffice.workflows.refund;

import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.workflows.webhook.PayoutEventWebhooks;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * A refund is paid as a payout of its own pull payment (as in BTCPay), so its steps are announced with BTCPay's
 * payout events: PayoutCreated when started, PayoutApproved when reserved for its claim, PayoutUpdated after. The
 * invoice's {@code InvoiceRefund} event goes through the invoice outbox (RefundRepository).
 */
@Component
public class RefundWebhooks {

    private final PayoutEventWebhooks events;

    public RefundWebhooks(PayoutEventWebhooks events) {
        this.events = events;
    }

    static String eventType(int revision, RefundState state, boolean firstClaimStep) {
        if (state == RefundState.AWAITING_APPROVAL) {
            return revision == 0 ? PayoutEventWebhooks.CREATED : null;
        }
        return state == RefundState.AWAITING_CLAIM && firstClaimStep
                ? PayoutEventWebhooks.APPROVED
                : PayoutEventWebhooks.UPDATED;
    }

    public void publish(Refund refund, int revision, RefundState state, boolean firstClaimStep, Instant at) {
        String type = eventType(revision, state, firstClaimStep);
        if (type == null) {
            return;
        }
        events.publish(
                refund.merchantId(),
                type,
                refund.id(),
                refund.id(),
                state.greenfieldName(),
                "refund:" + refund.id() + ":" + revision,
                at);
    }
}
