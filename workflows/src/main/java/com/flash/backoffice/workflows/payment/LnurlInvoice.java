package com.flash.backoffice.workflows.payment;

import java.net.URI;

/**
 * An invoice an LNURL-pay service issued for exactly the requested amount, checked against its pay request.
 *
 * @param bolt11 the invoice to pay
 * @param payRequest the URL the pay request was read from (the Lightning address's well-known URL, or the LNURL's)
 * @param metadata the service's metadata string, whose SHA-256 the invoice's description hash is
 */
public record LnurlInvoice(String bolt11, long amountMsat, URI payRequest, String metadata) {}
