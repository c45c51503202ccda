package com.flash.backoffice.workflows.invoice;

/** The result of a marking and the state after it (unchanged unless {@link MarkResult#MARKED}). */
public record MarkOutcome(MarkResult result, InvoiceState state) {}
