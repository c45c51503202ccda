package com.flash.backoffice.workflows.invoice;

/** {@code ApplicationFailure} types of the invoice feature; none of them is worth retrying. */
public enum InvoiceFailure {
    /** The workflow runs for an invoice id the database does not know: the API must store it first. */
    INVOICE_NOT_FOUND,
    /** The ledger refused the settlement entry (unbalanced or an unknown account): a bug, not a glitch. */
    LEDGER_REFUSED
}
