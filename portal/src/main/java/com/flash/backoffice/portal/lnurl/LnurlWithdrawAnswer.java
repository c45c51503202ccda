package com.flash.backoffice.portal.lnurl;

/**
 * LUD-03's answers, shared by every LNURL-withdraw Flash serves (refund claims, card taps): the withdraw request, OK,
 * or {@code {"status":"ERROR","reason":...}}.
 */
public sealed interface LnurlWithdrawAnswer {

    record WithdrawRequest(
            String tag,
            String callback,
            String k1,
            String defaultDescription,
            long minWithdrawable,
            long maxWithdrawable)
            implements LnurlWithdrawAnswer {}

    /** Also LUD-06's: the OK and error answers are the same for every LNURL. */
    record Status(String status, String reason) implements LnurlWithdrawAnswer, LnurlPayAnswer {}

    public static Status ok() {
        return new Status("OK", null);
    }

    public static Status error(String reason) {
        return new Status("ERROR", reason);
    }
}
