package com.flash.backoffice.portal.card.topup;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.NewManualTopUp;
import com.flash.backoffice.db.card.TopUpState;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import com.flash.backoffice.workflows.approval.ApprovalRules;
import com.flash.backoffice.workflows.card.CardTopUpSnapshot;
import com.flash.backoffice.workflows.card.CardTopUpWorkflows;
import com.flash.backoffice.workflows.card.ManualTopUpRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * FINANCE gives a card value with a reason, funded by Flash. The request is checked here so a bad one writes nothing;
 * then its workflow ({@code card-top-up-<id>}) records it with its audit entry, books it at once up to the limit and
 * otherwise waits for another FINANCE user in the approvals inbox: the four-eyes rules are the workflow's.
 */
@Service
public class ManualTopUps {

    static final String FINANCE = "hasRole('FINANCE')";
    private static final long SETTLE_WAIT_SECONDS = 10;

    private final CardRepository cards;
    private final CardTopUps topUps;
    private final WorkflowClient workflows;
    private final CurrentUser currentUser;
    private final CardTopUpProperties properties;

    ManualTopUps(
            CardRepository cards,
            CardTopUps topUps,
            WorkflowClient workflows,
            CurrentUser currentUser,
            CardTopUpProperties properties) {
        this.cards = cards;
        this.topUps = topUps;
        this.workflows = workflows;
        this.currentUser = currentUser;
        this.properties = properties;
    }

    /** How many approvals a manual top-up of {@code amountSat} needs: 0, 1 or 2 (for the dialog's hint). */
    @PreAuthorize(FINANCE)
    public int approvalsNeeded(long amountSat) {
        return ApprovalRules.approvalsNeeded(properties.manualPolicy(), Math.multiplyExact(amountSat, 1_000L));
    }

    /** {@code amountSat} as typed: a whole number of satoshis. */
    @PreAuthorize(FINANCE)
    public ManualTopUpOutcome request(String cardId, String amountSat, String reason) {
        Optional<Card> card = cardId == null ? Optional.empty() : cards.findById(cardId);
        if (card.isEmpty()) {
            return ManualTopUpOutcome.refused(null, "No card " + cardId);
        }
        if (!CardTopUps.CREDITABLE.contains(card.get().state())) {
            return ManualTopUpOutcome.refused(
                    null,
                    "The card is " + card.get().state().name().toLowerCase(Locale.ROOT)
                            + ": it can no longer hold value");
        }
        String amountError = amountError(amountSat);
        if (amountError != null) {
            return ManualTopUpOutcome.refused("amount", amountError);
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            return ManualTopUpOutcome.refused("reason", "Say why Flash gives this value (it goes to the audit log)");
        }
        if (why.length() > NewManualTopUp.MAX_REASON_LENGTH) {
            return ManualTopUpOutcome.refused("reason", "At most " + NewManualTopUp.MAX_REASON_LENGTH + " characters");
        }
        long msat = Math.multiplyExact(Long.parseLong(amountSat.strip()), 1_000L);
        CurrentUser.Staff me = currentUser.require();
        ApprovalPolicy policy = properties.manualPolicy();
        ManualTopUpRequest request = new ManualTopUpRequest(
                RandomIds.newId(),
                card.get().id(),
                msat,
                why,
                me.username(),
                me.roles().stream().map(Enum::name).sorted().toList(),
                policy);
        CardTopUpWorkflows.start(workflows, request);
        int approvals = ApprovalRules.approvalsNeeded(policy, msat);
        if (approvals > 0) {
            awaitRecorded(request.topUpId());
            return ManualTopUpOutcome.waiting("Sent to the approvals inbox: "
                    + (approvals == 1 ? "another FINANCE user" : "two other FINANCE users")
                    + " must approve this top-up before the card is credited.");
        }
        return settled(request);
    }

    /** Up to the limit the workflow books at once; the answer says so once it has. */
    private ManualTopUpOutcome settled(ManualTopUpRequest request) {
        WorkflowStub stub = WorkflowStub.fromTyped(CardTopUpWorkflows.stub(workflows, request.topUpId()));
        try {
            CardTopUpSnapshot done = stub.getResult(SETTLE_WAIT_SECONDS, TimeUnit.SECONDS, CardTopUpSnapshot.class);
            if (done.state() == TopUpState.CREDITED) {
                return ManualTopUpOutcome.done("Credited " + sat(request.amountMsat())
                        + (done.creditedCardId().equals(request.cardId())
                                ? ""
                                : " to the replacement card " + done.creditedCardId()));
            }
            return ManualTopUpOutcome.refused(null, "Not credited: the card can no longer hold value");
        } catch (TimeoutException slow) {
            return ManualTopUpOutcome.waiting("Accepted; the card is credited in a moment.");
        }
    }

    /** The workflow's first step stores the request: the card's page shows it once it is there. */
    private void awaitRecorded(String topUpId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_WAIT_SECONDS);
        while (topUps.find(topUpId).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String amountError(String amountSat) {
        String typed = amountSat == null ? "" : amountSat.strip();
        if (typed.isEmpty()) {
            return "Enter the amount in sat";
        }
        if (!typed.matches("[0-9]{1,12}")) {
            return "A whole number of sat, without signs or decimals";
        }
        long sat = Long.parseLong(typed);
        if (sat < 1) {
            return "At least 1 sat";
        }
        if (sat > properties.manualMaxSat()) {
            return "At most " + sat(properties.manualMaxMsat()) + " per manual top-up";
        }
        return null;
    }

    private static String sat(long msat) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(msat / 1_000) + " sat";
    }
}
