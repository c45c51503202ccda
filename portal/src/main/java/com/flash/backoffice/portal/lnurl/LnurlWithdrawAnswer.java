package com.flash.backoffice.portal.lnurl;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * LUD-03's answers, shared by every LNURL-withdraw Flash serves (refund claims, card taps): the withdraw request, OK,
 * or {@code {"status":"ERROR","reason":...}}.
 */
public sealed interface LnurlWithdrawAnswer {

    /**
     * {@code pinLimit} (msat, LUD-21 style, omitted when null): at or above it the wallet asks the holder for the card's
     * PIN and sends it as the callback's {@code pin}.
     */
    record WithdrawRequest(
            String tag,
            String callback,
            String k1,
            String defaultDescription,
            long minWithdrawable,
            long maxWithdrawable,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long pinLimit)
            implements LnurlWithdrawAnswer {

        public WithdrawRequest(
                String tag,
                String callback,
                String k1,
                String defaultDescription,
                long minWithdrawable,
                long maxWithdrawable) {
            this(tag, callback, k1, defaultDescription, minWithdrawable, maxWithdrawable, null);
        }
    }

    /** Also LUD-06's: the OK and error answers are the same for every LNURL. */
    record Status(String status, String reason) implements LnurlWithdrawAnswer, LnurlPayAnswer {}

    public static Status ok() {
        return new Status("OK", null);
    }

    public static Status error(String reason) {
        return new Status("ERROR", reason);
    }
}
