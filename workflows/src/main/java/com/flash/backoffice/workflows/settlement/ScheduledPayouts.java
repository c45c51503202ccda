package com.flash.backoffice.workflows.settlement;

/**
 * The port through which a schedule requests a payout. The portal implements it with the same validation,
 * reservation, audit and workflow start as a payout staff request, with origin SCHEDULE and requester "schedule".
 */
public interface ScheduledPayouts {

    /** Requests {@code amountMsat} to {@code destination}; {@code periodKey} names the period for the audit trail. */
    ScheduledPayoutOutcome request(String merchantId, String destination, long amountMsat, String periodKey);
}
