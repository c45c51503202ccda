package com.flash.backoffice.portal.invoice;

import com.flash.backoffice.db.invoice.Invoice;
import java.util.List;

/** Outcome of creating an invoice: stored and its workflow started, or why nothing was stored. */
public sealed interface InvoiceCreateResult {

    record Created(Invoice invoice) implements InvoiceCreateResult {}

    record Invalid(List<FieldError> errors) implements InvoiceCreateResult {}

    record MerchantNotFound() implements InvoiceCreateResult {}
}
