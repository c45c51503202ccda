package com.flash.backoffice.db.payout;

import com.flash.backoffice.db.money.Msat;

/** What a payout request did: created and reserved, or refused with nothing written. */
public sealed interface PayoutRequestResult {

    record Created(Payout payout) implements PayoutRequestResult {}

    /** The amount exceeds the payable balance; {@code available} is what could be paid out. */
    record Overdraft(Msat available) implements PayoutRequestResult {}

    /** Another payout of the merchant that is not final pays the same destination. */
    record DuplicateDestination(String existingPayoutId) implements PayoutRequestResult {}

    record UnknownMerchant() implements PayoutRequestResult {}
}
