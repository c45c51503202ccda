package com.flash.backoffice.portal.refund.claim;

/** LUD-03's answers: the withdraw request, OK, or {@code {"status":"ERROR","reason":...}}. */
sealed interface LnurlWithdrawAnswer {

    record WithdrawRequest(
            String tag,
            String callback,
            String k1,
            String defaultDescription,
            long minWithdrawable,
            long maxWithdrawable)
            implements LnurlWithdrawAnswer {}

    record Status(String status, String reason) implements LnurlWithdrawAnswer {}

    static Status ok() {
        return new Status("OK", null);
    }

    static Status error(String reason) {
        return new Status("ERROR", reason);
    }
}
