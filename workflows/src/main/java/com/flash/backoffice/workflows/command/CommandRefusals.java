package com.flash.backoffice.workflows.command;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * How a workflow's update validator refuses a person's command, and how a client reads the refusal back. Temporal's
 * Java SDK 1.38 loses an {@code ApplicationFailure}'s type when a validator throws it (sdk-java#2875, fixed by #3001
 * after 1.38.0), so the type also leads the message as {@code [TYPE] }; {@link #type} reads either, {@link #message}
 * shows the words only.
 */
public final class CommandRefusals {

    private CommandRefusals() {}

    public static ApplicationFailure refusal(Enum<?> type, String message) {
        return ApplicationFailure.newNonRetryableFailure("[" + type.name() + "] " + message, type.name());
    }

    /** The refusal's type, from the failure's type or, where the SDK dropped it, the message's prefix. */
    public static <E extends Enum<E>> Optional<E> type(Class<E> types, ApplicationFailure failure) {
        for (E type : types.getEnumConstants()) {
            if (type.name().equals(failure.getType())
                    || failure.getOriginalMessage().startsWith("[" + type.name() + "] ")) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The workflow's refusal inside what a client caught (an update or query failure wraps it), if there is one. */
    public static Optional<ApplicationFailure> refusalIn(Throwable caught) {
        for (Throwable cause = caught; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationFailure failure) {
                return Optional.of(failure);
            }
        }
        return Optional.empty();
    }

    /** The refusal's words for a person, without the type prefix. */
    public static String message(ApplicationFailure failure) {
        String message = failure.getOriginalMessage();
        return message.replaceFirst("^\\[[A-Z_]+\\] ", "");
    }
}
