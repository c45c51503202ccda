package com.flash.backoffice.workflows.payment;

/**
 * Turns a Lightning destination into the BOLT11 invoice to pay. The seam where Lightning addresses (LUD-16) and
 * LNURL-pay (LUD-06) are resolved over HTTP; the payment stores the invoice it returns before paying it, so each
 * payment resolves once.
 */
public interface DestinationResolver {

    /**
     * The BOLT11 invoice that pays {@code amountMsat} to {@code destination}.
     *
     * @throws UnresolvableDestinationException when it cannot be resolved, in the requester's words
     */
    String invoiceFor(DestinationKind kind, String destination, long amountMsat);
}
