package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.workflows.lightning.DecodedInvoice;
import java.util.Optional;

/**
 * Checks a destination before anything is reserved, with a clear message for each failure. BOLT11 invoices are
 * decoded by the node (network, expiry, amount); Lightning addresses and LNURL-pay are checked for form here and
 * resolved at payment time; on-chain addresses must be valid for the configured network.
 */
public interface PaymentDestinations {

    DestinationKind kind(String destination);

    /** Empty when {@code destination} can be paid {@code amountMsat}; otherwise the reason it cannot. */
    Optional<DestinationProblem> problem(String destination, long amountMsat);

    /** As {@link #problem}, for a BOLT11 invoice the caller has {@code decoded} already (saves the node a decode). */
    default Optional<DestinationProblem> problem(String bolt11, DecodedInvoice decoded, long amountMsat) {
        return problem(bolt11, amountMsat);
    }
}
