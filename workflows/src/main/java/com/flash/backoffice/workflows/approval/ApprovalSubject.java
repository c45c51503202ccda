package com.flash.backoffice.workflows.approval;

import java.util.Objects;

/**
 * What is to be decided, as the inbox shows it.
 *
 * @param kind what sort of request ({@link ApprovalKind})
 * @param subjectId the business id of the request, e.g. {@code payout-<id>}; also its inbox key
 * @param workflowId the workflow that hosts the decision (receives the {@code decide} update)
 * @param merchantId the merchant concerned, or null
 * @param amountMsat the amount at stake (0 when the request moves no money)
 * @param requestedBy who asked (a staff user name, {@code merchant:<storeId>} for the API, {@code schedule} ...)
 * @param summary one line for the inbox, e.g. the destination
 */
public record ApprovalSubject(
        ApprovalKind kind,
        String subjectId,
        String workflowId,
        String merchantId,
        long amountMsat,
        String requestedBy,
        String summary) {

    public ApprovalSubject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        if (amountMsat < 0) {
            throw new IllegalArgumentException("amountMsat must not be negative: " + amountMsat);
        }
    }
}
