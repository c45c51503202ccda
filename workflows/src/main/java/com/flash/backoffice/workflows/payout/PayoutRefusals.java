package com.flash.backoffice.workflows.payout;

import com.flash.backoffice.workflows.command.CommandRefusals;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/** The refusals of the payout's command validators (see {@link CommandRefusals}). */
public final class PayoutRefusals {

    private PayoutRefusals() {}

    static ApplicationFailure refusal(PayoutFailure type, String message) {
        return CommandRefusals.refusal(type, message);
    }

    public static Optional<PayoutFailure> type(ApplicationFailure failure) {
        return CommandRefusals.type(PayoutFailure.class, failure);
    }

    public static String message(ApplicationFailure failure) {
        return CommandRefusals.message(failure);
    }
}
