package com.flash.backoffice.portal.refund;

/** The public addresses of a refund's claim: the phone page and the LNURL-withdraw endpoints (LUD-03). */
public final class RefundClaimPaths {

    public static final String PAGE = "/refunds/claim/";
    public static final String LNURLW = "/lnurlw/refund/";
    public static final String LNURLW_CALLBACK = "/lnurlw/refund/callback";

    private RefundClaimPaths() {}

    public static String claimPage(String claimToken) {
        return PAGE + claimToken;
    }

    /** The LNURL-withdraw service URL the claim page's QR code encodes (bech32 LUD-01 or {@code lnurlw://}). */
    public static String withdrawRequest(String claimToken) {
        return LNURLW + claimToken;
    }
}
