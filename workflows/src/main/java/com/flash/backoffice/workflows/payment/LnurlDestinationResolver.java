package com.flash.backoffice.workflows.payment;

/**
 * Resolves a payment's Lightning destination at payment time: a BOLT11 is paid as it is, a Lightning address or an
 * LNURL-pay is resolved over HTTPS into an invoice for the exact amount, checked against its pay request.
 */
public class LnurlDestinationResolver implements DestinationResolver {

    private final LnurlPayResolver lnurl;

    public LnurlDestinationResolver(LnurlPayResolver lnurl) {
        this.lnurl = lnurl;
    }

    @Override
    public String invoiceFor(DestinationKind kind, String destination, long amountMsat) {
        return switch (kind) {
            case BOLT11 -> destination.strip();
            case LIGHTNING_ADDRESS, LNURL_PAY -> {
                try {
                    yield lnurl.resolve(destination, amountMsat).bolt11();
                } catch (LnurlPayException refused) {
                    throw new UnresolvableDestinationException(refused.problem().message());
                }
            }
            default -> throw new IllegalArgumentException("not a Lightning destination: " + kind);
        };
    }
}
