package com.flash.backoffice.db.chain;

import java.util.Objects;

/** The last block a chain watcher processed on node {@code nodeId}. */
public record ChainCursor(String nodeId, long height, String blockHash) {

    public ChainCursor {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(blockHash, "blockHash");
        if (height < 0) {
            throw new IllegalArgumentException("height cannot be negative: " + height);
        }
    }
}
