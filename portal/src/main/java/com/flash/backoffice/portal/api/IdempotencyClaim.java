package com.flash.backoffice.portal.api;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a write under an {@code Idempotency-Key} learns from, and tells, its key: the resource an earlier attempt
 * created (then the write returns it instead of creating another), and {@link #created}, to call in the transaction
 * that creates the resource.
 */
public final class IdempotencyClaim {

    private static final IdempotencyClaim NONE = new IdempotencyClaim(null, resourceId -> {});

    private final String createdBefore;
    private final Consumer<String> recorder;

    IdempotencyClaim(String createdBefore, Consumer<String> recorder) {
        this.createdBefore = createdBefore;
        this.recorder = recorder;
    }

    /** A write without a key: nothing was created before, and nothing is recorded. */
    public static IdempotencyClaim none() {
        return NONE;
    }

    public Optional<String> createdBefore() {
        return Optional.ofNullable(createdBefore);
    }

    public void created(String resourceId) {
        recorder.accept(resourceId);
    }
}
