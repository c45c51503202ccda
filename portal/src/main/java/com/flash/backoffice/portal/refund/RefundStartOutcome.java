package com.flash.backoffice.portal.refund;

import com.flash.backoffice.db.refund.Refund;
import java.util.Map;

/** What a start did: the refund and its running workflow, field errors, or a refusal with its API code. */
public sealed interface RefundStartOutcome {

    record Created(Refund refund) implements RefundStartOutcome {}

    record Invalid(Map<RefundField, String> errors) implements RefundStartOutcome {}

    /**
     * @param code the Greenfield error code: {@code invoice-not-refundable}, {@code refund-exceeds-paid},
     *     {@code insufficient-balance}, {@code suspense-unavailable}
     */
    record Refused(String code, String message) implements RefundStartOutcome {}

    record UnknownInvoice() implements RefundStartOutcome {}
}
