package com.flash.backoffice.reports.card;

/** Values the card reports compute from a row. */
final class CardValues {

    static final String TOP_UP = "Top-up";
    static final String TAP = "Tap";
    static final String TAP_NOT_PAID = "Tap not paid";
    static final String REPLACEMENT = "Replacement";
    static final String OTHER = "Other";

    private CardValues() {}

    /**
     * What moved a card's balance, from its entry's source key: a top-up ({@code card-top-up-<id>}, over Lightning or
     * by FINANCE), a tap's reservation ({@code card-tap-<id>-reserve}), an unpaid tap's amount returned
     * ({@code card-tap-<id>-released}) or a lost card's balance moved to its replacement ({@code card-<id>-replaced},
     * out of the lost card, into the replacement); anything else is {@code Other}.
     */
    static String kind(String sourceKey) {
        if (sourceKey == null) {
            return null;
        }
        if (sourceKey.startsWith("card-top-up-")) {
            return TOP_UP;
        }
        if (sourceKey.startsWith("card-tap-")) {
            return sourceKey.endsWith("-released") ? TAP_NOT_PAID : TAP;
        }
        if (sourceKey.startsWith("card-") && sourceKey.endsWith("-replaced")) {
            return REPLACEMENT;
        }
        return OTHER;
    }
}
