package com.flash.backoffice.workflows.payment;

/** Why a destination cannot be paid; {@code message} is what the requester reads (an API error, a field message). */
public record DestinationProblem(DestinationKind kind, String message) {}
