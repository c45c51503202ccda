package com.flash.backoffice.portal.paybutton;

import com.flash.backoffice.portal.api.ApiException;
import com.flash.backoffice.portal.api.GreenfieldApi;
import com.flash.backoffice.portal.api.PublicRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * BTCPay's pay-button endpoint: a form post from a merchant's web page creates an invoice and sends the browser to
 * its checkout page (303), or answers {@code {invoiceId, checkoutLink}} when the form asks for {@code jsonResponse}.
 * No API key: the store's "anyone can create invoice" setting decides.
 */
@RestController
@GreenfieldApi
class PayButtonController {

    static final String RATE_GROUP = "pay-button";

    private final PayButtonService payButtons;
    private final PublicRateLimiter limiter;

    PayButtonController(PayButtonService payButtons, PublicRateLimiter limiter) {
        this.payButtons = payButtons;
        this.limiter = limiter;
    }

    @PostMapping(path = "/api/v1/invoices", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> create(@RequestParam Map<String, String> fields, HttpServletRequest request) {
        limiter.tryTake(RATE_GROUP, request.getRemoteAddr()).ifPresent(wait -> {
            throw ApiException.tooManyRequests(
                    "rate-limited", "Too many invoices from this address: try again in " + wait + " s.", wait);
        });
        PayButtonForm.Parsed parsed = PayButtonForm.parse(fields);
        if (!parsed.errors().isEmpty()) {
            throw ApiException.validation(parsed.errors());
        }
        limiter.tryTakeForStore(RATE_GROUP, parsed.form().storeId()).ifPresent(wait -> {
            throw ApiException.tooManyRequests(
                    "rate-limited", "Too many invoices for this store: try again in " + wait + " s.", wait);
        });
        PayButtonService.PayButtonInvoice invoice = payButtons.create(parsed.form());
        if (parsed.form().jsonResponse()) {
            return ResponseEntity.ok(Map.of("invoiceId", invoice.invoiceId(), "checkoutLink", invoice.checkoutLink()));
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(invoice.checkoutLink()))
                .build();
    }
}
