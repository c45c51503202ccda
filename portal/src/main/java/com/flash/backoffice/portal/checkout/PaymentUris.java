package com.flash.backoffice.portal.checkout;

import com.flash.backoffice.db.money.Msat;

/**
 * BIP21 URIs as wallets read them. The unified one carries the on-chain address and the BOLT11 invoice
 * ({@code bitcoin:<address>?amount=<btc>&lightning=<bolt11>}), so one scan pays by either network.
 */
public final class PaymentUris {

    private PaymentUris() {}

    public static String unified(String address, Long dueMsat, String bolt11) {
        StringBuilder uri = new StringBuilder("bitcoin:").append(address == null ? "" : address.toUpperCase());
        String separator = "?";
        if (dueMsat != null && dueMsat > 0 && address != null) {
            uri.append(separator)
                    .append("amount=")
                    .append(Msat.ofMsat(roundUpToSat(dueMsat))
                            .toBtc()
                            .stripTrailingZeros()
                            .toPlainString());
            separator = "&";
        }
        if (bolt11 != null) {
            uri.append(separator).append("lightning=").append(bolt11.toUpperCase());
        }
        return uri.toString();
    }

    public static String onChain(String address, Long dueMsat) {
        return unified(address, dueMsat, null);
    }

    public static String lightning(String bolt11) {
        return "lightning:" + bolt11.toUpperCase();
    }

    /** On-chain amounts are whole satoshis: round a msat remainder up so the customer never pays short. */
    static long roundUpToSat(long msat) {
        return Math.ceilDiv(msat, 1_000L) * 1_000L;
    }
}
