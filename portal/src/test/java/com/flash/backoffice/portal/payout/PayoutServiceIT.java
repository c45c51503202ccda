package com.flash.backoffice.portal.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Payouts through the portal's service against the real portal (MariaDB, Temporal, the development network): every
 * bad request is refused with its message and reserves nothing; FINANCE requests, another FINANCE person approves,
 * ADMIN cannot; the simulated node pays and the ledger books it.
 */
@PortalSpringTest
class PayoutServiceIT {

    @Autowired
    PayoutService service;

    @Autowired
    PayoutRepository payouts;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    LightningNode node;

    @Autowired
    DSLContext dsl;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void finance_requests_another_finance_person_approves_and_the_payout_is_paid_and_booked() throws Exception {
        Merchant merchant = merchantWithBalance(Msat.ofSats(100_000));
        String invoice = simulated().foreignInvoice(20_000_000, Duration.ofHours(1));
        signIn("fiona", Role.FINANCE);

        PayoutRequestOutcome outcome =
                service.request(merchant.id(), new PayoutDraft(invoice, new BigDecimal("0.0002")), PayoutOrigin.PORTAL);

        Payout payout = ((PayoutRequestOutcome.Created) outcome).payout();
        assertThat(payout.state()).isEqualTo(PayoutState.AWAITING_APPROVAL);
        assertThat(service.balances(merchant.id()).reserved()).isEqualTo(Msat.ofSats(20_000));
        assertThat(auditActions(payout.id())).contains("payout.request");
        awaitInbox(payout.id());

        PayoutCommandOutcome own = service.decide(payout.id(), ApprovalVerdict.APPROVE, null, 0);
        signIn("ada", Role.ADMIN);
        PayoutCommandOutcome admin = service.decide(payout.id(), ApprovalVerdict.APPROVE, null, 0);
        signIn("fred", Role.FINANCE);
        PayoutCommandOutcome approved = service.decide(payout.id(), ApprovalVerdict.APPROVE, null, 0);

        assertThat(own.done()).isFalse();
        assertThat(own.message()).isEqualTo("You requested this, so someone else must decide it.");
        assertThat(admin.done()).isFalse();
        assertThat(admin.message()).isEqualTo("Only FINANCE can decide this request (ADMIN is no substitute).");
        assertThat(approved.done()).isTrue();
        Payout paid = awaitState(payout.id(), PayoutState.COMPLETED);
        assertThat(paid.proof()).isNotBlank();
        assertThat(service.balances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
        assertThat(service.balances(merchant.id()).payable()).isEqualTo(Msat.ofSats(80_000));
        assertThat(service.timeline(payout.id()))
                .extracting(event -> event.state())
                .containsSubsequence(
                        PayoutState.AWAITING_APPROVAL,
                        PayoutState.AWAITING_PAYMENT,
                        PayoutState.IN_PROGRESS,
                        PayoutState.COMPLETED);
    }

    @Test
    void every_bad_request_gets_its_message_and_reserves_nothing() {
        Merchant merchant = merchantWithBalance(Msat.ofSats(100_000));
        String invoice = simulated().foreignInvoice(20_000_000, Duration.ofHours(1));
        String expired = simulated().foreignInvoice(20_000_000, Duration.ofSeconds(-1));
        signIn("fiona", Role.FINANCE);

        assertThat(invalid(merchant, "", "0.0002")).containsKey(PayoutField.DESTINATION);
        assertThat(invalid(merchant, invoice, null)).containsEntry(PayoutField.AMOUNT, "Enter an amount in BTC");
        assertThat(invalid(merchant, invoice, "0")).containsEntry(PayoutField.AMOUNT, "The amount must be above 0");
        assertThat(invalid(merchant, invoice, "-0.0001"))
                .containsEntry(PayoutField.AMOUNT, "The amount must be above 0");
        assertThat(invalid(merchant, invoice, "0.000000000001"))
                .containsEntry(
                        PayoutField.AMOUNT, "The amount has more than 11 decimal places (1 msat = 0.00000000001 BTC)");
        assertThat(invalid(merchant, "not a destination", "0.0002")).containsKey(PayoutField.DESTINATION);
        assertThat(invalid(merchant, "lnbc1qqqqqqqqqqqqq", "0.0002")).containsKey(PayoutField.DESTINATION);
        assertThat(invalid(merchant, "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "0.0002"))
                .containsKey(PayoutField.DESTINATION);
        assertThat(invalid(merchant, expired, "0.0002")).containsKey(PayoutField.DESTINATION);
        assertThat(invalid(merchant, invoice, "0.0003")).containsKey(PayoutField.DESTINATION);
        assertThat(service.request(
                        merchant.id(), new PayoutDraft(invoice, new BigDecimal("0.0002")), PayoutOrigin.PORTAL))
                .isInstanceOf(PayoutRequestOutcome.Created.class);
        String another = simulated().foreignInvoice(90_000_000, Duration.ofHours(1));
        assertThat(service.request(
                        merchant.id(), new PayoutDraft(another, new BigDecimal("0.0009")), PayoutOrigin.PORTAL))
                .isEqualTo(new PayoutRequestOutcome.Overdraft(Msat.ofSats(80_000)));
        assertThat(service.request(
                        merchant.id(), new PayoutDraft(invoice, new BigDecimal("0.0002")), PayoutOrigin.PORTAL))
                .isInstanceOf(PayoutRequestOutcome.Duplicate.class);

        assertThat(payouts.count(merchant.id(), null)).isEqualTo(1);
        assertThat(service.balances(merchant.id()).reserved()).isEqualTo(Msat.ofSats(20_000));
    }

    @Test
    void only_finance_requests_payouts_and_only_staff_read_them() {
        Merchant merchant = merchantWithBalance(Msat.ofSats(100_000));
        PayoutDraft draft =
                new PayoutDraft(simulated().foreignInvoice(1_000_000, Duration.ofHours(1)), new BigDecimal("0.00001"));
        for (Role role : List.of(Role.ADMIN, Role.SUPPORT, Role.ACCOUNTANT, Role.MARKETING)) {
            signIn("someone", role);
            assertThatThrownBy(() -> service.request(merchant.id(), draft, PayoutOrigin.PORTAL))
                    .as(role.name())
                    .isInstanceOf(AuthorizationDeniedException.class);
        }
        signIn("mark", Role.MARKETING);
        assertThatThrownBy(() -> service.list(null, null, 0, 10)).isInstanceOf(AuthorizationDeniedException.class);
        signIn("alex", Role.ACCOUNTANT);
        assertThat(service.list(merchant.id(), null, 0, 10)).isEmpty();
        assertThat(payouts.count(merchant.id(), null)).isZero();
    }

    @Test
    void a_stale_cancel_is_refused_as_old_revision_and_a_current_one_releases_the_reservation() {
        Merchant merchant = merchantWithBalance(Msat.ofSats(100_000));
        signIn("fiona", Role.FINANCE);
        Payout payout = ((PayoutRequestOutcome.Created) service.request(
                        merchant.id(),
                        new PayoutDraft(
                                simulated().foreignInvoice(5_000_000, Duration.ofHours(1)), new BigDecimal("0.00005")),
                        PayoutOrigin.PORTAL))
                .payout();
        awaitInbox(payout.id());

        PayoutCommandOutcome stale = service.cancel(payout.id(), 7, "typo");
        PayoutCommandOutcome cancelled = service.cancel(payout.id(), 0, "typo");

        assertThat(stale.done()).isFalse();
        assertThat(stale.code()).isEqualTo("old-revision");
        assertThat(cancelled.done()).isTrue();
        assertThat(awaitState(payout.id(), PayoutState.CANCELLED).state()).isEqualTo(PayoutState.CANCELLED);
        assertThat(service.balances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
        assertThat(auditActions(payout.id())).contains("payout.request", "payout.cancelled");
    }

    @Test
    void a_payout_whose_workflow_never_started_is_started_by_the_sweep() {
        Merchant merchant = merchantWithBalance(Msat.ofSats(100_000));
        String invoice = simulated().foreignInvoice(5_000_000, Duration.ofHours(1));
        Payout stored = ((com.flash.backoffice.db.payout.PayoutRequestResult.Created)
                        payouts.request(new com.flash.backoffice.db.payout.NewPayout(
                                merchant.id(),
                                invoice,
                                com.flash.backoffice.db.payout.PayoutDestinationKind.BOLT11,
                                5_000_000,
                                10_000,
                                PayoutOrigin.PORTAL,
                                "fiona")))
                .payout();

        assertThat(dsl.fetchCount(dsl.selectFrom("approval_request").where("subject_id = ?", "payout-" + stored.id())))
                .as("no workflow started it")
                .isZero();

        int started = service.startUnstarted(Instant.now().plusSeconds(1));

        assertThat(started).isPositive();
        awaitInbox(stored.id());
        assertThat(service.startUnstarted(Instant.now().plusSeconds(1)))
                .as("a start again is harmless: the payout's workflow runs already")
                .isPositive();
        assertThat(payouts.findById(stored.id()).orElseThrow().state()).isEqualTo(PayoutState.AWAITING_APPROVAL);
    }

    private java.util.Map<PayoutField, String> invalid(Merchant merchant, String destination, String btc) {
        PayoutRequestOutcome outcome = service.request(
                merchant.id(),
                new PayoutDraft(destination, btc == null ? null : new BigDecimal(btc)),
                PayoutOrigin.PORTAL);
        assertThat(outcome).as(destination + " / " + btc).isInstanceOf(PayoutRequestOutcome.Invalid.class);
        return ((PayoutRequestOutcome.Invalid) outcome).errors();
    }

    private SimulatedLightningNode simulated() {
        return (SimulatedLightningNode) node;
    }

    private Merchant merchantWithBalance(Msat amount) {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Payouts " + UUID.randomUUID(), "EUR"));
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        ledger.post(new JournalEntry(
                "funding-" + merchant.id(),
                "received",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), amount),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), amount))));
        return merchant;
    }

    private List<String> auditActions(String payoutId) {
        return dsl.fetch("select action from audit_log where target_type = 'payout' and target_id = ?", payoutId)
                .getValues(0, String.class);
    }

    private void awaitInbox(String payoutId) {
        long until = System.currentTimeMillis() + 15_000;
        while (dsl.fetchCount(dsl.selectFrom("approval_request").where("subject_id = ?", "payout-" + payoutId)) == 0) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("payout " + payoutId + " never reached the inbox");
            }
            Thread.onSpinWait();
        }
    }

    private Payout awaitState(String payoutId, PayoutState state) {
        long until = System.currentTimeMillis() + 15_000;
        while (true) {
            Payout payout = payouts.findById(payoutId).orElseThrow();
            if (payout.state() == state) {
                return payout;
            }
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("payout " + payoutId + " never became " + state + "; it is " + payout.state());
            }
            Thread.onSpinWait();
        }
    }

    private static void signIn(String username, Role... roles) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username,
                        "n/a",
                        java.util.Arrays.stream(roles)
                                .map(role -> new SimpleGrantedAuthority(role.authority()))
                                .toList()));
    }
}
