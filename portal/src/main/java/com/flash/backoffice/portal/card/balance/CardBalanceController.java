package com.flash.backoffice.portal.card.balance;

import com.flash.backoffice.portal.api.PublicRateLimiter;
import com.flash.backoffice.portal.lnurl.LnurlApi;
import jakarta.servlet.http.HttpServletRequest;
import java.util.OptionalLong;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /boltcard/balance?p&c}: the holder's balance page; public, rate-limited per client, never cached. */
@RestController
@LnurlApi
class CardBalanceController {

    static final String PATH = "/boltcard/balance";
    static final String PIN_PATH = PATH + "/pin";
    static final String RATE_GROUP = "boltcard-balance";

    private final CardBalanceService balances;
    private final PublicRateLimiter limiter;

    CardBalanceController(CardBalanceService balances, PublicRateLimiter limiter) {
        this.balances = balances;
        this.limiter = limiter;
    }

    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> balance(
            @RequestParam(required = false) String p,
            @RequestParam(required = false) String c,
            HttpServletRequest request) {
        OptionalLong wait = limiter.tryTake(RATE_GROUP, request.getRemoteAddr());
        if (wait.isPresent()) {
            return tooMany(wait.getAsLong());
        }
        return switch (balances.balance(p, c)) {
            case CardBalanceService.BalanceAnswer.Shown shown -> page(HttpStatus.OK, CardBalancePage.shown(shown));
            case CardBalanceService.BalanceAnswer.Refused refused ->
                page(
                        refused.malformed() ? HttpStatus.BAD_REQUEST : HttpStatus.FORBIDDEN,
                        CardBalancePage.refused(refused.reason()));
        };
    }

    /** The balance page's PIN form (a card with a PIN limit and no PIN): the same rate limit as the page. */
    @PostMapping(
            value = PIN_PATH,
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> choosePin(
            @RequestParam(required = false) String k1,
            @RequestParam(required = false) String pin,
            @RequestParam(required = false) String repeated,
            HttpServletRequest request) {
        OptionalLong wait = limiter.tryTake(RATE_GROUP, request.getRemoteAddr());
        if (wait.isPresent()) {
            return tooMany(wait.getAsLong());
        }
        CardBalanceService.PinAnswer answer = balances.choosePin(k1, pin, repeated);
        return answer.chosen()
                ? page(HttpStatus.OK, CardBalancePage.pinChosen())
                : page(
                        HttpStatus.BAD_REQUEST,
                        CardBalancePage.pinRefused(answer.refusal().orElseThrow()));
    }

    private static ResponseEntity<String> tooMany(long seconds) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.TEXT_HTML)
                .body(CardBalancePage.refused("Too many requests: try again in " + seconds + " s"));
    }

    private static ResponseEntity<String> page(HttpStatus status, String html) {
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(html);
    }
}
