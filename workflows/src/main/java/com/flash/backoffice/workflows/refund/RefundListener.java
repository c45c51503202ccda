package com.flash.backoffice.workflows.refund;

/** Consumes {@link RefundCompleted} (rewards' clawback); a Spring bean implementing it is called after the booking. */
public interface RefundListener {

    void refunded(RefundCompleted event);
}
