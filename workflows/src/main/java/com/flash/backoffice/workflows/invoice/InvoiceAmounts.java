package com.flash.backoffice.workflows.invoice;

/**
 * Integer msat arithmetic for tolerance and fees, in basis points (1 % = 100). An amount is split into
 * whole multiples of 10,000 and a remainder so that no product can overflow a long.
 */
public final class InvoiceAmounts {

    public static final int BASIS_POINTS = 10_000;

    private InvoiceAmounts() {}

    /**
     * The least payment that counts as paid in full: {@code amount × (1 − tolerance)}, rounded up so that
     * rounding never lets a customer pay less than the tolerance allows.
     */
    public static long minimumToPay(long amountMsat, int toleranceBasisPoints) {
        requireBasisPoints(toleranceBasisPoints);
        return fractionRoundedUp(amountMsat, BASIS_POINTS - toleranceBasisPoints);
    }

    /** The processing fee on what was received, rounded down: the merchant keeps the fraction of a msat. */
    public static long fee(long receivedMsat, int feeBasisPoints) {
        requireBasisPoints(feeBasisPoints);
        long wholes = receivedMsat / BASIS_POINTS;
        long remainder = receivedMsat % BASIS_POINTS;
        return Math.addExact(
                Math.multiplyExact(wholes, (long) feeBasisPoints), remainder * feeBasisPoints / BASIS_POINTS);
    }

    private static long fractionRoundedUp(long amountMsat, int basisPoints) {
        if (amountMsat < 0) {
            throw new IllegalArgumentException("amount cannot be negative: " + amountMsat);
        }
        long wholes = amountMsat / BASIS_POINTS;
        long remainder = amountMsat % BASIS_POINTS;
        long remainderPart = (remainder * basisPoints + BASIS_POINTS - 1) / BASIS_POINTS;
        return Math.addExact(Math.multiplyExact(wholes, (long) basisPoints), remainderPart);
    }

    private static void requireBasisPoints(int basisPoints) {
        if (basisPoints < 0 || basisPoints > BASIS_POINTS) {
            throw new IllegalArgumentException("basis points must be between 0 and 10000: " + basisPoints);
        }
    }
}
