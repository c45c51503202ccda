package com.flash.backoffice.workflows.payout;

import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.workflows.webhook.PayoutEventWebhooks;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * BTCPay's payout webhooks for merchant payouts: PayoutCreated when requested, PayoutApproved when approved,
 * PayoutUpdated on every other state change; one delivery per payout revision and webhook.
 */
@Component
public class PayoutWebhooks {

    static final String CREATED = PayoutEventWebhooks.CREATED;
    static final String APPROVED = PayoutEventWebhooks.APPROVED;
    static final String UPDATED = PayoutEventWebhooks.UPDATED;

    private final PayoutEventWebhooks events;

    public PayoutWebhooks(PayoutEventWebhooks events) {
        this.events = events;
    }

    /** The event a step announces: none for a decision that leaves the payout awaiting approval. */
    static String eventType(int revision, PayoutState state) {
        if (state == PayoutState.AWAITING_APPROVAL) {
            return revision == 0 ? CREATED : null;
        }
        return state == PayoutState.AWAITING_PAYMENT ? APPROVED : UPDATED;
    }

    public void publish(String merchantId, String payoutId, int revision, PayoutState state, Instant at) {
        String type = eventType(revision, state);
        if (type == null) {
            return;
        }
        events.publish(
                merchantId, type, payoutId, null, state.greenfieldName(), "payout:" + payoutId + ":" + revision, at);
    }
}
