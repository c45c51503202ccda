package com.flash.backoffice.portal.card.balance;

import com.flash.backoffice.db.card.CardMovement;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.portal.card.topup.LnurlTopUps;
import com.flash.backoffice.workflows.card.CardTaps;
import com.flash.backoffice.workflows.card.TapOutcome;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The holder's balance page, opened by a tap (no login: the card's signature is the credential). The tap is verified
 * and its counter spent like a payment's, so a copied URL shows nothing a second time; its k1 can pay nothing. The
 * page carries a fresh LNURL-pay link to top the card up.
 */
@Service
public class CardBalanceService {

    static final int MOVEMENTS = 10;

    /** What the page shows: the balance and the newest movements, or why it cannot be shown. */
    sealed interface BalanceAnswer {

        /** {@code topUpLnurl}: a new LNURL-pay link (LUD-06) that tops this card up, open for an hour. */
        record Shown(String cardId, long balanceMsat, List<CardMovement> movements, String topUpLnurl)
                implements BalanceAnswer {}

        /** {@code malformed}: p or c is not a Bolt Card's at all (400); otherwise a refused tap (403). */
        record Refused(String reason, boolean malformed) implements BalanceAnswer {}
    }

    private final CardTaps taps;
    private final CardWithdrawals withdrawals;
    private final LnurlTopUps topUps;

    CardBalanceService(CardTaps taps, CardWithdrawals withdrawals, LnurlTopUps topUps) {
        this.taps = taps;
        this.withdrawals = withdrawals;
        this.topUps = topUps;
    }

    @PreAuthorize("permitAll()")
    BalanceAnswer balance(String p, String c) {
        return switch (taps.tap(p, c)) {
            case TapOutcome.Malformed malformed -> new BalanceAnswer.Refused(malformed.reason(), true);
            case TapOutcome.Refused refused -> new BalanceAnswer.Refused(refused.reason(), false);
            case TapOutcome.Accepted accepted -> {
                withdrawals.closeForBalance(accepted.tapId(), UtcTimestamps.now());
                String cardId = accepted.card().id();
                yield new BalanceAnswer.Shown(
                        cardId,
                        withdrawals.balanceMsat(cardId),
                        withdrawals.statement(cardId, MOVEMENTS),
                        topUps.openLink(cardId));
            }
        };
    }
}
