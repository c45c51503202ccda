package com.flash.backoffice.workflows.payment;

/** Pays BOLT11 invoices as they are; Lightning addresses and LNURL-pay are not resolved yet. */
public class Bolt11OnlyResolver implements DestinationResolver {

    @Override
    public String invoiceFor(DestinationKind kind, String destination, long amountMsat) {
        return switch (kind) {
            case BOLT11 -> destination.strip();
            case LIGHTNING_ADDRESS ->
                throw new UnresolvableDestinationException("Paying a Lightning address is not supported yet");
            case LNURL_PAY -> throw new UnresolvableDestinationException("Paying an LNURL is not supported yet");
            default -> throw new IllegalArgumentException("not a Lightning destination: " + kind);
        };
    }
}
