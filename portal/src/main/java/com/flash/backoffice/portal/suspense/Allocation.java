package com.flash.backoffice.portal.suspense;

import com.flash.backoffice.db.money.Msat;

/**
 * Moves {@code amount} of a custodial receipt out of suspense to a merchant's balance. {@code revision} is the
 * receipt's revision as the user saw it: a change meanwhile refuses the allocation.
 */
public record Allocation(long receiptId, int revision, String merchantId, Msat amount, String reason) {}
