package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.support.UtcTimestamps;
import org.springframework.stereotype.Component;

/** Books a tap's payment in the ledger and its tap log. */
@Component
public class CardActivitiesImpl implements CardActivities {

    private final CardWithdrawals withdrawals;

    public CardActivitiesImpl(CardWithdrawals withdrawals) {
        this.withdrawals = withdrawals;
    }

    @Override
    public void paid(long tapId, long feeMsat) {
        withdrawals.paid(tapId, feeMsat, UtcTimestamps.now());
    }

    @Override
    public void paidInternally(long tapId) {
        withdrawals.paidInternally(tapId, UtcTimestamps.now());
    }

    @Override
    public void failed(long tapId, String reason) {
        withdrawals.failed(tapId, reason, UtcTimestamps.now());
    }
}
