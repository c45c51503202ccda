package com.flash.backoffice.portal.card;

import com.flash.backoffice.portal.api.PublicRateLimiter;
import com.flash.backoffice.portal.lnurl.LnurlApi;
import com.flash.backoffice.portal.lnurl.LnurlLimits;
import com.flash.backoffice.portal.lnurl.LnurlWithdrawAnswer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Bolt Card routes (boltcard/boltcard docs/SPEC.md): the URL the card writes, {@code /boltcard?p=..&c=..}, and the
 * LUD-03 callback. Public and rate-limited per client; every refusal is LUD-03's error body.
 */
@RestController
@LnurlApi
class BoltCardController {

    static final String RATE_GROUP = "boltcard";

    private final CardTapService taps;
    private final PublicRateLimiter limiter;

    BoltCardController(CardTapService taps, PublicRateLimiter limiter) {
        this.taps = taps;
        this.limiter = limiter;
    }

    @GetMapping(BoltCardPaths.TAP)
    ResponseEntity<LnurlWithdrawAnswer> tap(
            @RequestParam(required = false) String p,
            @RequestParam(required = false) String c,
            HttpServletRequest request) {
        return LnurlLimits.refusal(limiter, RATE_GROUP, request).orElseGet(() -> ResponseEntity.ok(taps.tap(p, c)));
    }

    @GetMapping(BoltCardPaths.CALLBACK)
    ResponseEntity<LnurlWithdrawAnswer> callback(
            @RequestParam(required = false) String k1,
            @RequestParam(required = false) String pr,
            @RequestParam(required = false) String pin,
            HttpServletRequest request) {
        return LnurlLimits.refusal(limiter, RATE_GROUP, request)
                .orElseGet(() -> ResponseEntity.ok(taps.callback(k1, pr, pin)));
    }
}
