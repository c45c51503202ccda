package com.flash.backoffice.portal.approval;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.workflows.approval.ApprovalKind;
import java.time.Duration;
import java.time.Instant;

/**
 * A request waiting in the inbox, as the Approvals view lists it.
 *
 * @param fiat the amount in the merchant's currency at the current rate, or null (no merchant, no rate, BTC)
 * @param revision the request's revision a decision must name
 */
public record InboxItem(
        String subjectId,
        ApprovalKind kind,
        String workflowId,
        String merchantId,
        String merchantName,
        Msat amount,
        FiatAmount fiat,
        String requestedBy,
        String summary,
        String approverRole,
        long revision,
        int approvalsNeeded,
        int approvalsGiven,
        Instant createdAt,
        Instant deadlineAt) {

    public Duration age(Instant now) {
        return Duration.between(createdAt, now);
    }
}
