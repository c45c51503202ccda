package com.flash.backoffice.db.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of bitcoin in millisatoshis. Arithmetic is checked: an overflow throws instead of wrapping.
 * Whether a negative amount makes sense is the caller's decision (ledger lines refuse them in the database).
 */
public record Msat(long msat) implements Comparable<Msat> {

    public static final long MSAT_PER_SAT = 1_000L;
    public static final long MSAT_PER_BTC = 100_000_000_000L;
    public static final Msat ZERO = new Msat(0);

    private static final int BTC_SCALE_MSAT = 11;
    private static final int BTC_SCALE_SAT = 8;

    public static Msat ofMsat(long msat) {
        return new Msat(msat);
    }

    public static Msat ofSats(long sats) {
        return new Msat(Math.multiplyExact(sats, MSAT_PER_SAT));
    }

    /** Exact conversion; throws ArithmeticException for a fraction of a millisatoshi or an overflow. */
    public static Msat ofBtc(BigDecimal btc) {
        return new Msat(btc.movePointRight(BTC_SCALE_MSAT).longValueExact());
    }

    public Msat plus(Msat other) {
        return new Msat(Math.addExact(msat, other.msat));
    }

    public Msat minus(Msat other) {
        return new Msat(Math.subtractExact(msat, other.msat));
    }

    public Msat times(long factor) {
        return new Msat(Math.multiplyExact(msat, factor));
    }

    public Msat negate() {
        return new Msat(Math.negateExact(msat));
    }

    public boolean isZero() {
        return msat == 0;
    }

    public boolean isPositive() {
        return msat > 0;
    }

    public boolean isNegative() {
        return msat < 0;
    }

    /** Whole satoshis; throws ArithmeticException when the amount has a millisatoshi remainder. */
    public long toSatsExact() {
        if (msat % MSAT_PER_SAT != 0) {
            throw new ArithmeticException(msat + " msat is not a whole number of satoshis");
        }
        return msat / MSAT_PER_SAT;
    }

    /** Whole satoshis, rounding towards zero (what an on-chain output can carry). */
    public long toSatsRoundedDown() {
        return msat / MSAT_PER_SAT;
    }

    public BigDecimal toBtc() {
        return BigDecimal.valueOf(msat, BTC_SCALE_MSAT);
    }

    /** BTC with 8 decimals, or up to 11 when the amount has millisatoshis, e.g. "0.00012345" or "0.00000000001". */
    public String toBtcString() {
        BigDecimal btc = toBtc().stripTrailingZeros();
        int scale = Math.max(BTC_SCALE_SAT, btc.scale());
        return btc.setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
    }

    @Override
    public int compareTo(Msat other) {
        return Long.compare(msat, other.msat);
    }

    @Override
    public String toString() {
        return msat + " msat";
    }
}
