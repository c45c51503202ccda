package com.flash.backoffice.workflows.bitcoin;

import java.util.List;
import java.util.Objects;

/** A block as the chain watcher needs it; {@code previousHash} is null only for the genesis block. */
public record ChainBlock(String hash, long height, String previousHash, List<ChainTransaction> transactions) {

    public ChainBlock {
        Objects.requireNonNull(hash, "hash");
        if (height < 0) {
            throw new IllegalArgumentException("height cannot be negative: " + height);
        }
        transactions = List.copyOf(transactions);
    }
}
