package com.flash.backoffice.workflows.refund;

import java.util.List;
import java.util.Objects;

/**
 * A claim of an approved refund.
 *
 * @param by {@value #CUSTOMER} for the customer's LNURL-withdraw (its single-use k1 was taken by the caller), or the
 *     agent who entered the destination
 * @param roles the agent's staff roles; empty for the customer
 */
public record RefundClaim(String by, List<String> roles, String destination) {

    public static final String CUSTOMER = "customer:lnurl-withdraw";

    public RefundClaim {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(destination, "destination");
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public static RefundClaim byCustomer(String bolt11) {
        return new RefundClaim(CUSTOMER, List.of(), bolt11);
    }

    public boolean byCustomer() {
        return CUSTOMER.equals(by);
    }
}
