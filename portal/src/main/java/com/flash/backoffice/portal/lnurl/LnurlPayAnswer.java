package com.flash.backoffice.portal.lnurl;

import java.util.List;

/**
 * LUD-06's answers, for every LNURL-pay Flash serves (card top-ups): the pay request, the invoice, or the error
 * {@link LnurlWithdrawAnswer.Status} shared with LUD-03.
 */
public sealed interface LnurlPayAnswer
        permits LnurlPayAnswer.PayRequest, LnurlPayAnswer.Invoice, LnurlWithdrawAnswer.Status {

    record PayRequest(String tag, String callback, long minSendable, long maxSendable, String metadata)
            implements LnurlPayAnswer {

        public static PayRequest of(String callback, long minSendable, long maxSendable, String metadata) {
            return new PayRequest("payRequest", callback, minSendable, maxSendable, metadata);
        }
    }

    /** {@code routes} is always empty (LUD-06 keeps the field for old wallets). */
    record Invoice(String pr, List<String> routes) implements LnurlPayAnswer {

        public static Invoice of(String bolt11) {
            return new Invoice(bolt11, List.of());
        }
    }
}
