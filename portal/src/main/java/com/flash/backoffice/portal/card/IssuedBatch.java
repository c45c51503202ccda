package com.flash.backoffice.portal.card;

import java.util.List;

/**
 * A batch just issued, with each card's activation code for its printed carrier. The codes exist only here: Flash
 * keeps their hashes, so the sheet is printed now or never.
 */
public record IssuedBatch(String batchId, String programmeId, List<CardCode> cards) {

    public record CardCode(String cardId, String activationCode) {}
}
