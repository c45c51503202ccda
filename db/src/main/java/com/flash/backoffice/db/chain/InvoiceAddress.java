package com.flash.backoffice.db.chain;

import com.flash.backoffice.db.merchant.OnchainCustody;
import java.time.Instant;
import java.util.Objects;

/**
 * The on-chain address allocated for an invoice. Its {@code custody} is fixed at allocation: a merchant-wallet
 * address comes from {@code derivationIndex} of the merchant's watch-only key, a Flash-wallet address from Flash's
 * LND wallet (no derivation index).
 */
public record InvoiceAddress(
        String address,
        String invoiceId,
        String merchantId,
        Long derivationIndex,
        Instant createdAt,
        OnchainCustody custody) {

    public InvoiceAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(custody, "custody");
        if (custody.custodial() != (derivationIndex == null)) {
            throw new IllegalArgumentException(
                    "a merchant-wallet address has a derivation index, a Flash-wallet one none");
        }
        if (derivationIndex != null && derivationIndex < 0) {
            throw new IllegalArgumentException("derivationIndex cannot be negative: " + derivationIndex);
        }
    }

    /** An address of the merchant's own wallet, at {@code derivationIndex} of its watch-only key. */
    public InvoiceAddress(
            String address, String invoiceId, String merchantId, long derivationIndex, Instant createdAt) {
        this(address, invoiceId, merchantId, derivationIndex, createdAt, OnchainCustody.MERCHANT_WALLET);
    }

    /** An address of Flash's own on-chain wallet. */
    public static InvoiceAddress flashWallet(String address, String invoiceId, String merchantId, Instant createdAt) {
        return new InvoiceAddress(address, invoiceId, merchantId, null, createdAt, OnchainCustody.FLASH_WALLET);
    }
}
