package com.flash.backoffice.portal.lnurl;

import com.flash.backoffice.portal.api.PublicRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The public LNURL routes' rate limit per client: 429 with Retry-After and LUD-03's error body. */
public final class LnurlLimits {

    private LnurlLimits() {}

    public static Optional<ResponseEntity<LnurlWithdrawAnswer>> refusal(
            PublicRateLimiter limiter, String group, HttpServletRequest request) {
        OptionalLong wait = limiter.tryTake(group, request.getRemoteAddr());
        if (wait.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()))
                .body(LnurlWithdrawAnswer.error("Too many requests: try again in " + wait.getAsLong() + " s")));
    }
}
