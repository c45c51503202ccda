package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.NewManualTopUp;
import com.flash.backoffice.db.card.TopUpCredit;
import java.time.Instant;
import org.springframework.stereotype.Component;

@Component
public class CardTopUpActivitiesImpl implements CardTopUpActivities {

    private final CardTopUps topUps;

    public CardTopUpActivitiesImpl(CardTopUps topUps) {
        this.topUps = topUps;
    }

    @Override
    public void record(ManualTopUpRequest request) {
        topUps.requestManual(
                new NewManualTopUp(
                        request.topUpId(),
                        request.cardId(),
                        request.amountMsat(),
                        request.reason(),
                        request.requestedBy(),
                        request.requestedByRoles()),
                Instant.now());
    }

    @Override
    public TopUpCredit credit(String topUpId) {
        return topUps.creditManual(topUpId, Instant.now());
    }

    @Override
    public void cancel(String topUpId, String note) {
        topUps.cancelManual(topUpId, note, Instant.now());
    }
}
