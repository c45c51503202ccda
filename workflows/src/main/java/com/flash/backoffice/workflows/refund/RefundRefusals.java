package com.flash.backoffice.workflows.refund;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * The refusals of the refund's validators, and how a client reads them back: the type also leads the message as
 * {@code [TYPE] } because the SDK drops a validator failure's type (see {@code PayoutRefusals}).
 */
public final class RefundRefusals {

    private RefundRefusals() {}

    static ApplicationFailure refusal(RefundFailure type, String message) {
        return ApplicationFailure.newNonRetryableFailure("[" + type.name() + "] " + message, type.name());
    }

    public static Optional<RefundFailure> type(ApplicationFailure failure) {
        for (RefundFailure type : RefundFailure.values()) {
            if (type.name().equals(failure.getType())
                    || failure.getOriginalMessage().startsWith("[" + type.name() + "] ")) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static String message(ApplicationFailure failure) {
        String message = failure.getOriginalMessage();
        return type(failure)
                .map(type -> "[" + type.name() + "] ")
                .filter(message::startsWith)
                .map(prefix -> message.substring(prefix.length()))
                .orElse(message);
    }
}
