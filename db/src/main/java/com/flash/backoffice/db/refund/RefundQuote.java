package com.flash.backoffice.db.refund;

import java.math.BigDecimal;

/**
 * What a variant refunds: {@code amountMsat} in whole satoshis after the subtracted percentage, and its fiat value
 * ({@code fiatAmount} in {@code fiatCurrency} at {@code rate}, all null for a bitcoin-priced invoice without a rate).
 *
 * @param fixed false for {@link RefundVariant#FIAT}: the bitcoin amount is an estimate until approval fixes it
 */
public record RefundQuote(
        RefundVariant variant,
        long amountMsat,
        BigDecimal fiatAmount,
        String fiatCurrency,
        BigDecimal rate,
        BigDecimal subtractPercentage,
        boolean fixed) {}
