package com.flash.backoffice.db.card;

import java.time.Instant;

/**
 * A card programme: its issuer key sealed with the master key (never in clear here), and the limits its cards start
 * with. {@link #toString} leaves the sealed key out.
 */
public record CardProgramme(
        String id,
        String name,
        byte[] issuerKeySealed,
        long perTapLimitMsat,
        long dailyLimitMsat,
        Long pinLimitMsat,
        int activationDays,
        String createdBy,
        Instant createdAt) {

    @Override
    public String toString() {
        return "CardProgramme[" + id + ", " + name + "]";
    }
}
