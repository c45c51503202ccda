package com.flash.backoffice.workflows.refund;

import com.flash.backoffice.workflows.command.CommandRefusals;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/** The refusals of the refund's validators (see {@link CommandRefusals}). */
public final class RefundRefusals {

    private RefundRefusals() {}

    static ApplicationFailure refusal(RefundFailure type, String message) {
        return CommandRefusals.refusal(type, message);
    }

    public static Optional<RefundFailure> type(ApplicationFailure failure) {
        return CommandRefusals.type(RefundFailure.class, failure);
    }

    public static String message(ApplicationFailure failure) {
        return CommandRefusals.message(failure);
    }
}
