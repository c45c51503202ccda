package com.flash.backoffice.workflows.bitcoin;

import java.math.BigDecimal;

/** Decimal BTC as JSON-RPC writes it, to whole satoshis: exactly, never through a double. */
public final class BtcAmounts {

    private static final long MAX_SATS = 21_000_000L * 100_000_000L;

    private BtcAmounts() {}

    /**
     * Accepts what bitcoin-rpc-client's parser yields for a JSON number: a {@link BigDecimal} ({@code 0.00250000},
     * {@code 1E-8}) or a {@link Long} (btcd writes whole BTC without a fraction, e.g. {@code 10}).
     */
    public static long toSats(Object btc) {
        BigDecimal value = switch (btc) {
            case BigDecimal decimal -> decimal;
            case Long whole -> BigDecimal.valueOf(whole);
            case Integer whole -> BigDecimal.valueOf(whole);
            case String text -> new BigDecimal(text);
            case null -> throw new BitcoinNodeException("missing amount");
            default -> throw new BitcoinNodeException("not a decimal BTC amount: " + btc + " (" + btc.getClass() + ")");
        };
        BigDecimal sats = value.movePointRight(8);
        try {
            long result = sats.longValueExact();
            if (result < 0 || result > MAX_SATS) {
                throw new BitcoinNodeException("amount out of range: " + value + " BTC");
            }
            return result;
        } catch (ArithmeticException e) {
            throw new BitcoinNodeException("amount is not a whole number of satoshis: " + value + " BTC", e);
        }
    }
}
