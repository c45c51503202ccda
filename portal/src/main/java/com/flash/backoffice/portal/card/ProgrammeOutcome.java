package com.flash.backoffice.portal.card;

import com.flash.backoffice.db.card.CardProgramme;
import java.util.Map;

/** The programme created, or the field messages that stopped it (nothing written). */
public record ProgrammeOutcome(CardProgramme created, Map<String, String> errors) {}
