package com.flash.backoffice.portal.card;

import com.flash.backoffice.portal.workflow.UnstartedWorkflowSweep;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts the payment workflow of a tap whose amount was reserved but whose workflow start never happened (the process
 * stopped in between): without it the card's money would wait in flight forever. A running workflow is untouched.
 */
@Component
class UnstartedCardTaps extends UnstartedWorkflowSweep {

    private final CardTapService taps;

    UnstartedCardTaps(CardTapService taps, @Value("${flash.workers.enabled:true}") boolean workers) {
        super("card tap", workers);
        this.taps = taps;
    }

    @Override
    protected int startUnstarted(Instant requestedBefore) {
        return taps.startUnstarted(requestedBefore);
    }
}
