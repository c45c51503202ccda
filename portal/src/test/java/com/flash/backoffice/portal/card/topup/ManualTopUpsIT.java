package com.flash.backoffice.portal.card.topup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.TopUpKind;
import com.flash.backoffice.db.card.TopUpState;
import com.flash.backoffice.portal.approval.ApprovalService;
import com.flash.backoffice.portal.approval.DecisionResult;
import com.flash.backoffice.portal.approval.DecisionStatus;
import com.flash.backoffice.portal.approval.InboxItem;
import com.flash.backoffice.portal.card.ActiveCards;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.approval.ApprovalKind;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.flash.backoffice.workflows.card.CardKeyVault;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * FINANCE's manual top-ups on the real portal, MariaDB and Temporal: booked at once within the limit, through the
 * approvals inbox above it (never by the requester), every bad input refused with its field and nothing written.
 */
@PortalSpringTest
class ManualTopUpsIT {

    @Autowired
    ManualTopUps topUps;

    @Autowired
    ApprovalService approvals;

    @Autowired
    CardRepository cards;

    @Autowired
    CardWithdrawals withdrawals;

    @Autowired
    CardTopUps cardTopUps;

    @Autowired
    CardKeyVault vault;

    @Autowired
    DSLContext dsl;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void within_the_limit_finance_credits_the_card_at_once_with_its_reason_audited() {
        ActiveCards programme = new ActiveCards(cards, withdrawals, vault);
        Card card = programme.active(programme.emulator(), 0);
        signIn("fiona", Role.FINANCE);

        ManualTopUpOutcome outcome = topUps.request(card.id(), " 100000 ", "goodwill: tap failed at the bar");

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.awaitingApproval()).isFalse();
        assertThat(outcome.message()).isEqualTo("Credited 100,000 sat");
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(100_000_000);
        assertThat(cardTopUps.forCard(card.id(), 5)).singleElement().satisfies(topUp -> {
            assertThat(topUp.kind()).isEqualTo(TopUpKind.MANUAL);
            assertThat(topUp.state()).isEqualTo(TopUpState.CREDITED);
            assertThat(topUp.requestedBy()).isEqualTo("fiona");
        });
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_log")
                        .where(
                                "target_id = ? and action = 'card.top-up.request' and reason = ? and actor = 'fiona'",
                                card.id(),
                                "goodwill: tap failed at the bar")))
                .isEqualTo(1);
    }

    @Test
    void above_the_limit_it_waits_for_another_finance_user_in_the_inbox_and_the_requester_cannot_approve()
            throws InterruptedException {
        ActiveCards programme = new ActiveCards(cards, withdrawals, vault);
        Card card = programme.active(programme.emulator(), 0);
        signIn("fiona", Role.FINANCE);
        assertThat(topUps.approvalsNeeded(100_000)).isZero();
        assertThat(topUps.approvalsNeeded(100_001)).isEqualTo(1);
        assertThat(topUps.approvalsNeeded(1_000_001)).isEqualTo(2);

        ManualTopUpOutcome outcome = topUps.request(card.id(), "250000", "prize for the raffle winner");

        assertThat(outcome.awaitingApproval()).isTrue();
        assertThat(outcome.message()).contains("another FINANCE user must approve");
        InboxItem item = awaitInbox(card);
        assertThat(item.kind()).isEqualTo(ApprovalKind.CARD_TOP_UP);
        assertThat(item.summary()).isEqualTo("Manual top-up of card " + card.id() + ": prize for the raffle winner");
        assertThat(item.amount().msat()).isEqualTo(250_000_000);
        DecisionResult own = approvals.decide(item.subjectId(), item.revision(), ApprovalVerdict.APPROVE, null);
        assertThat(own.status()).isEqualTo(DecisionStatus.REFUSED);
        assertThat(own.message()).isEqualTo("You requested this, so someone else must decide it.");
        assertThat(withdrawals.balanceMsat(card.id())).isZero();

        signIn("tom", Role.FINANCE);
        DecisionResult approved = approvals.decide(item.subjectId(), item.revision(), ApprovalVerdict.APPROVE, null);

        assertThat(approved.status()).isEqualTo(DecisionStatus.DECIDED);
        awaitBalance(card, 250_000_000);
        assertThat(cardTopUps.forCard(card.id(), 5))
                .singleElement()
                .satisfies(topUp -> assertThat(topUp.state()).isEqualTo(TopUpState.CREDITED));
    }

    @Test
    void every_bad_input_is_refused_with_its_field_and_writes_nothing_and_only_finance_may_ask() {
        ActiveCards programme = new ActiveCards(cards, withdrawals, vault);
        Card card = programme.active(programme.emulator(), 0);
        Card retired = programme.active(programme.emulator(), 0);
        cards.move(retired.id(), CardState.ACTIVE, CardState.RETIRED);
        signIn("fiona", Role.FINANCE);

        assertThat(List.of("", "  ", "abc", "-5", "+5", "1.5", "1e3", "0", "10000001", "99999999999999"))
                .allSatisfy(amount -> assertThat(topUps.request(card.id(), amount, "reason"))
                        .satisfies(outcome -> {
                            assertThat(outcome.accepted()).as(amount).isFalse();
                            assertThat(outcome.field()).as(amount).isEqualTo("amount");
                        }));
        assertThat(topUps.request(card.id(), "10000001", "reason").message())
                .isEqualTo("At most 10,000,000 sat per manual top-up");
        assertThat(topUps.request(card.id(), null, "reason").message()).isEqualTo("Enter the amount in sat");
        assertThat(topUps.request(card.id(), "1000", " ").field()).isEqualTo("reason");
        assertThat(topUps.request(card.id(), "1000", null).field()).isEqualTo("reason");
        assertThat(topUps.request(card.id(), "1000", "x".repeat(501)).message()).isEqualTo("At most 500 characters");
        assertThat(topUps.request("no-such-card", "1000", "reason").message()).isEqualTo("No card no-such-card");
        assertThat(topUps.request(retired.id(), "1000", "reason").message())
                .isEqualTo("The card is retired: it can no longer hold value");
        assertThat(cardTopUps.forCard(card.id(), 5)).isEmpty();
        assertThat(cardTopUps.forCard(retired.id(), 5)).isEmpty();
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_log")
                        .where("target_id in (?, ?) and action like 'card.top-up%'", card.id(), retired.id())))
                .isZero();

        for (Role other : List.of(Role.SUPPORT, Role.ACCOUNTANT, Role.ADMIN, Role.MARKETING)) {
            signIn("someone", other);
            assertThatThrownBy(() -> topUps.request(card.id(), "1000", "reason"))
                    .as(other.name())
                    .isInstanceOf(AuthorizationDeniedException.class);
        }
        assertThat(withdrawals.balanceMsat(card.id())).isZero();
    }

    private InboxItem awaitInbox(Card card) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (true) {
            var found = approvals.inbox(0, 500).stream()
                    .filter(item -> item.summary() != null && item.summary().contains(card.id()))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(System.currentTimeMillis())
                    .as("the request reaches the inbox")
                    .isLessThan(until);
            Thread.sleep(100);
        }
    }

    private void awaitBalance(Card card, long msat) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (withdrawals.balanceMsat(card.id()) != msat) {
            assertThat(System.currentTimeMillis()).as("the card is credited").isLessThan(until);
            Thread.sleep(100);
        }
    }

    private static void signIn(String username, Role role) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username, "n/a", List.of(new SimpleGrantedAuthority(role.authority()))));
    }
}
