package com.flash.backoffice.portal.card;

import com.flash.backoffice.portal.workflow.UnstartedWorkflowSweep;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts the workflow of a card issued in a batch whose workflow start never happened (the process stopped after the
 * batch was stored): without it the card has no activation timer and takes no command.
 */
@Component
class UnstartedCardWorkflows extends UnstartedWorkflowSweep {

    private final CardService cards;

    UnstartedCardWorkflows(CardService cards, @Value("${flash.workers.enabled:true}") boolean workers) {
        super("card", workers);
        this.cards = cards;
    }

    @Override
    protected int startUnstarted(Instant requestedBefore) {
        return cards.startUnstarted(requestedBefore);
    }
}
