package com.flash.backoffice.db.refund;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A refund as its start asks for it: the invoice, the variant's quote, where the money comes from and why.
 *
 * @param suspenseReceiptId the receipt refunded from, with {@code source} SUSPENSE; null otherwise
 * @param allowNegativeBalance FINANCE let the merchant's balance go negative (the shortfall is a receivable)
 * @param destination where the agent said to pay, or null: the customer claims it by LNURL-withdraw
 */
public record NewRefund(
        String invoiceId,
        RefundQuote quote,
        RefundSource source,
        Long suspenseReceiptId,
        String reason,
        boolean allowNegativeBalance,
        String destination,
        RefundOrigin origin,
        String requestedBy,
        long feeLimitMsat) {

    public NewRefund {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(requestedBy, "requestedBy");
        if ((source == RefundSource.SUSPENSE) != (suspenseReceiptId != null)) {
            throw new IllegalArgumentException("a suspense refund names its receipt, and only it");
        }
        if (quote.amountMsat() <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + quote.amountMsat());
        }
    }

    public BigDecimal subtractPercentage() {
        return quote.subtractPercentage();
    }
}
