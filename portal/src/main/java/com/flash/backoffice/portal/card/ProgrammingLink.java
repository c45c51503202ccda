package com.flash.backoffice.portal.card;

import java.time.Instant;

/** A Bolt Card deeplink for the programming app ({@code boltcard://program?url=..} or {@code reset}), single-use. */
public record ProgrammingLink(String cardId, String deeplink, Instant expiresAt) {}
