package com.flash.backoffice.db.card;

/** A programme to create; the issuer key arrives sealed. */
public record NewCardProgramme(
        String name,
        byte[] issuerKeySealed,
        long perTapLimitMsat,
        long dailyLimitMsat,
        Long pinLimitMsat,
        int activationDays,
        String createdBy) {

    @Override
    public String toString() {
        return "NewCardProgramme[" + name + "]";
    }
}
