package com.flash.backoffice.portal.paybutton;

import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.OpenInvoices;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.portal.api.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The gap-limit guard: a store never has more than {@code flash.paybutton.max-open-invoices} pay-button invoices
 * waiting for their first payment. Each holds a fresh address of the store's key, and a wallet restored from the key
 * stops looking after 20 unused addresses in a row (BIP44's gap limit), so the default stays below it. Beyond it the
 * pay button answers 429 until the first open one expires; BTCPay's reuse of a quiet address is not done here.
 */
@Component
public class OpenInvoiceLimit {

    private final InvoiceRepository invoices;
    private final MerchantRepository merchants;
    private final int maxOpen;
    private final Clock clock = Clock.systemUTC();

    OpenInvoiceLimit(
            InvoiceRepository invoices,
            MerchantRepository merchants,
            @Value("${flash.paybutton.max-open-invoices:15}") int maxOpen) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("flash.paybutton.max-open-invoices must be at least 1, not " + maxOpen);
        }
        this.invoices = invoices;
        this.merchants = merchants;
        this.maxOpen = maxOpen;
    }

    public int maxOpen() {
        return maxOpen;
    }

    /**
     * Runs in the new invoice's transaction: locks the store's row so that concurrent pay-button posts count one
     * after the other, and refuses the invoice (429) when the store already has the most it may have open.
     */
    void check(String merchantId) {
        merchants.lockForUpdate(merchantId);
        Instant now = clock.instant();
        OpenInvoices open = invoices.openAnonymous(merchantId, now);
        if (open.count() >= maxOpen) {
            long wait = Duration.between(now, open.firstExpiry()).toSeconds() + 1;
            throw ApiException.tooManyRequests(
                    "too-many-open-invoices",
                    "This store already has " + open.count() + " pay-button invoices waiting for payment, the most it"
                            + " may have open; try again when one is paid or expires (in " + wait + " s at most).",
                    wait);
        }
    }
}
