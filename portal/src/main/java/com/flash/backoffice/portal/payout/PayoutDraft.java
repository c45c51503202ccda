package com.flash.backoffice.portal.payout;

import java.math.BigDecimal;

/** A payout as a person or the API asks for it, before validation: the amount in BTC as typed. */
public record PayoutDraft(String destination, BigDecimal amountBtc) {}
