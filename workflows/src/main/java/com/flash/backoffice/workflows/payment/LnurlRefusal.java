package com.flash.backoffice.workflows.payment;

/**
 * Why a Lightning address (LUD-16) or LNURL-pay (LUD-06) gave no invoice that can be paid; the text beside each
 * constant starts the message the requester reads, the detail after it names the case.
 */
public enum LnurlRefusal {
    NOT_LNURL("Not a Lightning address or an LNURL-pay", false),
    BAD_ADDRESS("Not a valid Lightning address (user@domain, the user in a-z 0-9 - _ . +)", false),
    BAD_BECH32("Not a valid LNURL (bech32)", false),
    INSECURE_URL("The LNURL service must be reached over https", false),
    UNREACHABLE("The LNURL service could not be reached", true),
    TIMEOUT("The LNURL service did not answer in time", true),
    TOO_LARGE("The LNURL service's answer is too large", false),
    MALFORMED("The LNURL service's answer is malformed", false),
    SERVICE_ERROR("The LNURL service refused", false),
    NOT_PAY_REQUEST("The LNURL is not a pay request", false),
    AMOUNT_OUT_OF_RANGE("The amount is outside what the LNURL service accepts", false),
    INVALID_INVOICE("The LNURL service's invoice cannot be decoded", false),
    WRONG_INVOICE_AMOUNT("The LNURL service's invoice is not for the requested amount", false),
    WRONG_DESCRIPTION_HASH("The LNURL service's invoice does not commit to its metadata (description hash)", false);

    private final String message;
    private final boolean transientFailure;

    LnurlRefusal(String message, boolean transientFailure) {
        this.message = message;
        this.transientFailure = transientFailure;
    }

    public String message() {
        return message;
    }

    /** True when asking again later may succeed (the service was down or slow), false when the answer is final. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
