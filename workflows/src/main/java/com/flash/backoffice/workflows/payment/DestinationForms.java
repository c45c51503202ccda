package com.flash.backoffice.workflows.payment;

import java.util.Optional;

/**
 * The form of a Lightning address (LUD-16, {@code user@domain}) and of an LNURL-pay (LUD-01 bech32, LUD-17
 * {@code lnurlp://}), checked by the parser the resolver uses ({@link LnurlPayTarget}), with production's rule that
 * the service is asked over https. They are resolved over HTTP only when paid; here only their form is checked.
 */
final class DestinationForms {

    private DestinationForms() {}

    static boolean looksLikeLnurl(String text) {
        return LnurlPayTarget.kindOf(text)
                .filter(kind -> kind == DestinationKind.LNURL_PAY)
                .isPresent();
    }

    static Optional<String> lightningAddressProblem(String destination) {
        return formProblem(destination);
    }

    static Optional<String> lnurlProblem(String destination) {
        return formProblem(destination);
    }

    private static Optional<String> formProblem(String destination) {
        try {
            LnurlPayTarget.of(destination, LnurlPayProperties.defaults());
            return Optional.empty();
        } catch (LnurlPayException refused) {
            return Optional.of(refused.problem().message());
        }
    }
}
