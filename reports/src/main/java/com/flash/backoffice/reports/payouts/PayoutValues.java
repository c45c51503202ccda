package com.flash.backoffice.reports.payouts;

import com.flash.backoffice.db.payout.PayoutState;

/** Values the payouts report computes from a row, the way BTCPay's payouts report shows them. */
final class PayoutValues {

    private PayoutValues() {}

    /** BTCPay's state names ({@code PayoutState.ToString()}); {@code Failed} is Flash's parked state. */
    static String state(String stored) {
        return stored == null ? null : PayoutState.valueOf(stored).greenfieldName();
    }

    /** BTCPay's payment types: Lightning for BOLT11, Lightning addresses and LNURL-pay, else On-Chain. */
    static String paymentType(String destinationKind) {
        if (destinationKind == null) {
            return null;
        }
        return "ONCHAIN".equals(destinationKind) ? "On-Chain" : "Lightning";
    }

    /** Who asked for the payout, in place of BTCPay's pull-payment name: API, Portal or Schedule. */
    static String source(String origin) {
        if (origin == null) {
            return null;
        }
        return switch (origin) {
            case "API" -> "API";
            case "PORTAL" -> "Portal";
            case "SCHEDULE" -> "Schedule";
            default -> origin;
        };
    }
}
