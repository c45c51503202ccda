package com.flash.backoffice.db.card;

/** A programme to create; its id is chosen first because its issuer key is sealed to it. */
public record NewCardProgramme(
        String id,
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
