package com.flash.backoffice.portal.checkout;

import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.portal.security.PagePolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A store's checkout page ({@code /i/<invoiceId>}) may be framed by the web sites the store's ADMIN listed (Merchants
 * → Pay button), so a shop can show it in its own page; no other page of the portal may be framed.
 */
@Component
class CheckoutFraming implements PagePolicy {

    private static final Pattern CHECKOUT = Pattern.compile("/i/([A-Za-z0-9]{1,64})/?");

    private final MerchantRepository merchants;

    CheckoutFraming(MerchantRepository merchants) {
        this.merchants = merchants;
    }

    @Override
    public Optional<String> frameAncestors(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return Optional.empty();
        }
        Matcher checkout = CHECKOUT.matcher(
                request.getRequestURI().substring(request.getContextPath().length()));
        if (!checkout.matches()) {
            return Optional.empty();
        }
        String origins = merchants.checkoutFrameAncestorsOfInvoice(checkout.group(1));
        return origins.isBlank() ? Optional.empty() : Optional.of(origins);
    }
}
