package com.flash.backoffice.db.invoice;

import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * An invoice to store, with every term already resolved from the merchant's defaults and the request's
 * overrides. {@code amountMsat} null is a top-up invoice. {@code orderId} is {@code metadata.orderId}, kept
 * in its own column for the text search. Tolerance and fee are basis points (1 % = 100).
 */
public record NewInvoice(
        String merchantId,
        Long amountMsat,
        String currency,
        BigDecimal fiatAmount,
        BigDecimal rate,
        String orderId,
        String metadataJson,
        SpeedPolicy speedPolicy,
        int toleranceBasisPoints,
        int processingFeeBasisPoints,
        Instant createdAt,
        Instant expiresAt,
        Instant monitoringUntil) {

    /** BTCPay accepts large metadata; 64 KiB keeps a row readable and is checked again by the database. */
    public static final int MAX_METADATA_BYTES = 65_536;

    public static final int MAX_BASIS_POINTS = 10_000;

    public NewInvoice {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(speedPolicy, "speedPolicy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(monitoringUntil, "monitoringUntil");
        metadataJson = metadataJson == null || metadataJson.isBlank() ? "{}" : metadataJson;
        if (amountMsat != null && amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive, or null for a top-up invoice");
        }
        if (metadataJson.getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("metadata is larger than " + MAX_METADATA_BYTES + " bytes");
        }
        requireBasisPoints("toleranceBasisPoints", toleranceBasisPoints);
        requireBasisPoints("processingFeeBasisPoints", processingFeeBasisPoints);
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiresAt must be after createdAt");
        }
        if (monitoringUntil.isBefore(expiresAt)) {
            throw new IllegalArgumentException("monitoringUntil cannot be before expiresAt");
        }
    }

    private static void requireBasisPoints(String name, int value) {
        if (value < 0 || value > MAX_BASIS_POINTS) {
            throw new IllegalArgumentException(name + " must be between 0 and " + MAX_BASIS_POINTS + ": " + value);
        }
    }

    /** A percentage with at most two decimals (the merchant's DECIMAL(5,2) columns) in basis points. */
    public static int basisPoints(BigDecimal percent) {
        return percent.movePointRight(2).intValueExact();
    }
}
