package com.flash.backoffice.portal.refund.claim;

import com.flash.backoffice.portal.api.PublicRateLimiter;
import com.flash.backoffice.portal.lnurl.LnurlApi;
import com.flash.backoffice.portal.lnurl.LnurlLimits;
import com.flash.backoffice.portal.lnurl.LnurlWithdrawAnswer;
import com.flash.backoffice.portal.refund.RefundClaimPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * LNURL-withdraw (LUD-03) for refunds: public, rate-limited per client. Every refusal is LUD-03's
 * {@code {"status":"ERROR","reason":...}} (HTTP 200, as wallets expect; 429 with Retry-After when limited).
 */
@RestController
@LnurlApi
class LnurlWithdrawController {

    static final String RATE_GROUP = "lnurlw";

    private final RefundClaims claims;
    private final PublicRateLimiter limiter;

    LnurlWithdrawController(RefundClaims claims, PublicRateLimiter limiter) {
        this.claims = claims;
        this.limiter = limiter;
    }

    @GetMapping(RefundClaimPaths.LNURLW_CALLBACK)
    ResponseEntity<LnurlWithdrawAnswer> callback(
            @RequestParam(required = false) String k1,
            @RequestParam(required = false) String pr,
            HttpServletRequest request) {
        return limited(request).orElseGet(() -> ResponseEntity.ok(claims.claim(k1, pr)));
    }

    @GetMapping(RefundClaimPaths.LNURLW + "{claimToken}")
    ResponseEntity<LnurlWithdrawAnswer> withdrawRequest(@PathVariable String claimToken, HttpServletRequest request) {
        return limited(request).orElseGet(() -> ResponseEntity.ok(claims.withdrawRequest(claimToken)));
    }

    private java.util.Optional<ResponseEntity<LnurlWithdrawAnswer>> limited(HttpServletRequest request) {
        return LnurlLimits.refusal(limiter, RATE_GROUP, request);
    }
}
