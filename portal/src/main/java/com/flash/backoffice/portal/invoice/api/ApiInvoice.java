package com.flash.backoffice.portal.invoice.api;

import com.flash.backoffice.db.invoice.Invoice;

/** An invoice with the columns only the API keeps: archived flag and checkout redirect URL. */
public record ApiInvoice(Invoice invoice, boolean archived, String redirectUrl) {}
