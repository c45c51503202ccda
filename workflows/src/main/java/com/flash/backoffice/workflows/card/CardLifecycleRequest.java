package com.flash.backoffice.workflows.card;

import java.time.Duration;

/** A card's workflow input: a card not activated within {@code activationWindow} is retired. */
public record CardLifecycleRequest(String cardId, Duration activationWindow) {}
