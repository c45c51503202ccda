package com.flash.backoffice.workflows.invoice;

/** Expected outcomes of {@link InvoiceWorkflow#mark}; the rules are BTCPay's (InvoiceState.CanMark*). */
public enum MarkResult {
    MARKED("The invoice has the requested status and the additional status Marked."),
    ALREADY_SETTLED("A settled invoice cannot be marked settled again."),
    ALREADY_INVALID("An invalid invoice cannot be marked invalid again."),
    SETTLED_BY_PAYMENT("Only an invoice that staff marked settled can be marked invalid; one settled by its payments"
            + " is final (refund it instead)."),
    REASON_REQUIRED("Give a reason: it is stored with the invoice and shown in its timeline.");

    private final String message;

    MarkResult(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
