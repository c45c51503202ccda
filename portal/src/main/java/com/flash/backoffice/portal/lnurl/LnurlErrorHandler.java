package com.flash.backoffice.portal.lnurl;

import com.flash.backoffice.portal.api.ServiceUnavailable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A request Spring Security's firewall refuses once it is read (a parameter name it forbids): 400, LUD-03 body. */
@RestControllerAdvice(annotations = LnurlApi.class)
class LnurlErrorHandler {

    /** The database gone for a moment: 503 with Retry-After and LUD-03's body, so the wallet may try again. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<LnurlWithdrawAnswer.Status> unexpected(Exception e) throws Exception {
        if (!ServiceUnavailable.causedBy(e)) {
            throw e;
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ServiceUnavailable.RETRY_AFTER_SECONDS))
                .body(LnurlWithdrawAnswer.error(
                        "Service briefly unavailable: try again in " + ServiceUnavailable.RETRY_AFTER_SECONDS + " s"));
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<LnurlWithdrawAnswer.Status> rejected(RequestRejectedException e) {
        return ResponseEntity.badRequest().body(LnurlWithdrawAnswer.error("Malformed request."));
    }
}
