package com.flash.backoffice.portal.lnurl;

import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A request Spring Security's firewall refuses once it is read (a parameter name it forbids): 400, LUD-03 body. */
@RestControllerAdvice(annotations = LnurlApi.class)
class LnurlErrorHandler {

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<LnurlWithdrawAnswer.Status> rejected(RequestRejectedException e) {
        return ResponseEntity.badRequest().body(LnurlWithdrawAnswer.error("Malformed request."));
    }
}
