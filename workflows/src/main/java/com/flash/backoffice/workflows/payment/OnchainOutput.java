package com.flash.backoffice.workflows.payment;

import java.util.Objects;

/** One payment of an on-chain batch: whole satoshis to an address. */
public record OnchainOutput(String address, long amountSat) {

    public OnchainOutput {
        Objects.requireNonNull(address, "address");
        address = address.strip();
        if (address.isEmpty()) {
            throw new IllegalArgumentException("address is blank");
        }
        if (amountSat <= 0) {
            throw new IllegalArgumentException("amountSat must be positive: " + amountSat + " to " + address);
        }
    }
}
