package com.flash.backoffice.portal.lnurl;

import com.flash.backoffice.portal.api.PublicRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The public LNURL routes' rate limit per client: 429 with Retry-After and the LNURL error body. */
public final class LnurlLimits {

    private LnurlLimits() {}

    public static Optional<ResponseEntity<LnurlWithdrawAnswer>> refusal(
            PublicRateLimiter limiter, String group, HttpServletRequest request) {
        OptionalLong wait = limiter.tryTake(group, request.getRemoteAddr());
        return wait.isEmpty()
                ? Optional.empty()
                : Optional.of(tooMany(wait.getAsLong()).<LnurlWithdrawAnswer>body(error(wait)));
    }

    public static Optional<ResponseEntity<LnurlPayAnswer>> payRefusal(
            PublicRateLimiter limiter, String group, HttpServletRequest request) {
        OptionalLong wait = limiter.tryTake(group, request.getRemoteAddr());
        return wait.isEmpty()
                ? Optional.empty()
                : Optional.of(tooMany(wait.getAsLong()).<LnurlPayAnswer>body(error(wait)));
    }

    private static ResponseEntity.BodyBuilder tooMany(long waitSeconds) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
    }

    private static LnurlWithdrawAnswer.Status error(OptionalLong wait) {
        return LnurlWithdrawAnswer.error("Too many requests: try again in " + wait.getAsLong() + " s");
    }
}
