package com.flash.backoffice.portal.card.topup;

import com.flash.backoffice.portal.api.PublicRateLimiter;
import com.flash.backoffice.portal.lnurl.LnurlApi;
import com.flash.backoffice.portal.lnurl.LnurlLimits;
import com.flash.backoffice.portal.lnurl.LnurlPayAnswer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** LUD-06 for card top-ups: the pay request and its callback. Public, rate-limited per client. */
@RestController
@LnurlApi
class LnurlTopUpController {

    static final String RATE_GROUP = "boltcard-topup";

    private final LnurlTopUps topUps;
    private final PublicRateLimiter limiter;

    LnurlTopUpController(LnurlTopUps topUps, PublicRateLimiter limiter) {
        this.topUps = topUps;
        this.limiter = limiter;
    }

    @GetMapping(LnurlTopUps.PATH + "{token}")
    ResponseEntity<LnurlPayAnswer> payRequest(@PathVariable String token, HttpServletRequest request) {
        return LnurlLimits.payRefusal(limiter, RATE_GROUP, request)
                .orElseGet(() -> ResponseEntity.ok(topUps.payRequest(token)));
    }

    @GetMapping(LnurlTopUps.PATH + "{token}/invoice")
    ResponseEntity<LnurlPayAnswer> invoice(
            @PathVariable String token, @RequestParam(required = false) String amount, HttpServletRequest request) {
        return LnurlLimits.payRefusal(limiter, RATE_GROUP, request)
                .orElseGet(() -> ResponseEntity.ok(topUps.invoice(token, amount)));
    }
}
