package com.flash.backoffice.db.refund;

/** A variant's amount, or the field and message that say why it has none. */
public sealed interface RefundQuoteResult {

    record Quoted(RefundQuote quote) implements RefundQuoteResult {}

    record Refused(String field, String message) implements RefundQuoteResult {}
}
