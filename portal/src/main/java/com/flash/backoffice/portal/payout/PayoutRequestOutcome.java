package com.flash.backoffice.portal.payout;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.Payout;
import java.util.Map;

/** What a payout request did; every refusal wrote nothing and reserved nothing. */
public sealed interface PayoutRequestOutcome {

    record Created(Payout payout) implements PayoutRequestOutcome {}

    record Invalid(Map<PayoutField, String> errors) implements PayoutRequestOutcome {}

    /** BTCPay's {@code overdraft}: more than the payable balance; {@code available} is what can be paid out. */
    record Overdraft(Msat available) implements PayoutRequestOutcome {
        public String message() {
            return "The amount exceeds the payable balance: " + available.toBtcString() + " BTC available";
        }
    }

    /** BTCPay's {@code duplicate-destination}. */
    record Duplicate(String existingPayoutId) implements PayoutRequestOutcome {
        public String message() {
            return "Payout " + existingPayoutId + " to this destination is still open";
        }
    }

    record UnknownMerchant() implements PayoutRequestOutcome {}
}
