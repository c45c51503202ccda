package com.flash.backoffice.portal.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundOrigin;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.db.refund.RefundVariant;
import com.flash.backoffice.db.testsupport.PaidInvoices;
import com.flash.backoffice.portal.approval.ApprovalService;
import com.flash.backoffice.portal.approval.DecisionResult;
import com.flash.backoffice.portal.mail.MailProperties;
import com.flash.backoffice.portal.mail.PlainMail;
import com.flash.backoffice.portal.refund.claim.RefundClaims;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import com.flash.backoffice.workflows.payment.PaymentDestinations;
import com.flash.backoffice.workflows.refund.RefundActivitiesImpl;
import com.flash.backoffice.workflows.refund.RefundClaimLinks;
import com.flash.backoffice.workflows.refund.RefundWebhooks;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Refunds through the portal's service against the real portal (MariaDB, Temporal, the development network): SUPPORT
 * starts, FINANCE approves through the shared inbox (never the requester), MARKETING sees nothing; the buyer is mailed
 * a working claim link over SMTP (GreenMail).
 */
@PortalSpringTest
class RefundServiceIT {

    static final BigDecimal RATE = new BigDecimal("50000");

    @RegisterExtension
    static final GreenMailExtension greenMail =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Autowired
    RefundService service;

    @Autowired
    ApprovalService approvals;

    @Autowired
    RefundRepository refunds;

    @Autowired
    RefundClaims claims;

    @Autowired
    RefundClaimLinks links;

    @Autowired
    RefundWebhooks webhooks;

    @Autowired
    PaymentDestinations destinations;

    @Autowired
    LightningNode node;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    DSLContext dsl;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void support_starts_above_its_limit_finance_approves_through_the_inbox_and_the_agent_pays_a_destination() {
        PaidInvoices paid = new PaidInvoices(dsl);
        Merchant merchant = paid.merchantWithBalance(1_000_000_000);
        Invoice invoice = paid.settled(merchant.id(), 500_000_000, 500_000_000, RATE, null);
        signIn("sue", Role.SUPPORT);

        Refund refund = created(
                service.start(invoice.id(), RefundDraft.of(RefundVariant.RATE_THEN, "damaged"), RefundOrigin.PORTAL));
        awaitInbox(refund);
        DecisionResult own = approvals.decide("refund-" + refund.id(), 0, ApprovalVerdict.APPROVE, null);
        signIn("fiona", Role.FINANCE);
        DecisionResult approved = approvals.decide("refund-" + refund.id(), 0, ApprovalVerdict.APPROVE, null);

        assertThat(own.decided()).isFalse();
        assertThat(own.message()).isEqualTo("Only FINANCE can decide this request (ADMIN is no substitute).");
        assertThat(approved.decided()).isTrue();
        Refund reserved = awaitState(refund, RefundState.AWAITING_CLAIM);
        assertThat(ledger.merchantBalances(merchant.id()).payable().msat()).isEqualTo(500_000_000);

        signIn("sue", Role.SUPPORT);
        RefundCommandOutcome bad = service.pay(refund.id(), "not a destination");
        RefundCommandOutcome paidOut =
                service.pay(refund.id(), simulated().foreignInvoice(reserved.amountMsat(), Duration.ofHours(1)));

        assertThat(bad.done()).isFalse();
        assertThat(bad.code()).isEqualTo("invalid-destination");
        assertThat(paidOut.done()).isTrue();
        assertThat(awaitState(refund, RefundState.COMPLETED).proof()).isNotBlank();
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_log").where("target_id = ?", refund.id())))
                .as("start and the agent's destination")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_finance_requester_cannot_approve_their_own_refund() {
        PaidInvoices paid = new PaidInvoices(dsl);
        Merchant merchant = paid.merchantWithBalance(100_000_000);
        Invoice invoice = paid.settled(merchant.id(), 1_000_000, 1_000_000, RATE, null);
        signIn("fred", Role.FINANCE);

        Refund refund = created(
                service.start(invoice.id(), RefundDraft.of(RefundVariant.RATE_THEN, "small"), RefundOrigin.PORTAL));
        awaitInbox(refund);
        DecisionResult own = approvals.decide("refund-" + refund.id(), 0, ApprovalVerdict.APPROVE, null);

        assertThat(own.decided()).isFalse();
        assertThat(own.message()).isEqualTo("You requested this, so someone else must decide it.");
        assertThat(refunds.findById(refund.id()).orElseThrow().state()).isEqualTo(RefundState.AWAITING_APPROVAL);
    }

    @Test
    void a_bad_start_gets_field_messages_and_writes_nothing() {
        PaidInvoices paid = new PaidInvoices(dsl);
        Merchant merchant = paid.merchantWithBalance(1_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        signIn("sue", Role.SUPPORT);

        RefundStartOutcome noReason =
                service.start(invoice.id(), RefundDraft.of(RefundVariant.RATE_THEN, " "), RefundOrigin.PORTAL);
        RefundStartOutcome noVariant = service.start(invoice.id(), RefundDraft.of(null, "x"), RefundOrigin.PORTAL);
        RefundStartOutcome negative = service.start(
                invoice.id(),
                new RefundDraft(RefundVariant.RATE_THEN, null, null, null, "x", null, null, true),
                RefundOrigin.PORTAL);
        RefundStartOutcome badDestination = service.start(
                invoice.id(),
                new RefundDraft(RefundVariant.RATE_THEN, null, null, null, "x", "nowhere", null, false),
                RefundOrigin.PORTAL);
        RefundStartOutcome poor =
                service.start(invoice.id(), RefundDraft.of(RefundVariant.RATE_THEN, "x"), RefundOrigin.PORTAL);

        assertThat(((RefundStartOutcome.Invalid) noReason).errors()).containsKey(RefundField.REASON);
        assertThat(((RefundStartOutcome.Invalid) noVariant).errors()).containsKey(RefundField.VARIANT);
        assertThat(((RefundStartOutcome.Invalid) negative).errors())
                .containsEntry(
                        RefundField.ALLOW_NEGATIVE_BALANCE,
                        "Only FINANCE may let a merchant's balance go negative for a refund");
        assertThat(((RefundStartOutcome.Invalid) badDestination).errors()).containsKey(RefundField.DESTINATION);
        assertThat(((RefundStartOutcome.Refused) poor).code()).isEqualTo("insufficient-balance");
        assertThat(service.forInvoice(invoice.id())).isEmpty();

        signIn("fiona", Role.FINANCE);
        Refund allowed = created(service.start(
                invoice.id(),
                new RefundDraft(RefundVariant.RATE_THEN, null, null, null, "goodwill", null, null, true),
                RefundOrigin.PORTAL));
        assertThat(allowed.allowNegativeBalance()).isTrue();
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_log")
                        .where("target_id = ? and reason like ?", allowed.id(), "%negative merchant balance allowed%")))
                .isEqualTo(1);
    }

    @Test
    void support_and_finance_start_accountant_reads_and_marketing_sees_nothing() {
        PaidInvoices paid = new PaidInvoices(dsl);
        Merchant merchant = paid.merchantWithBalance(100_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        RefundDraft draft = RefundDraft.of(RefundVariant.RATE_THEN, "x");

        for (Role role : List.of(Role.MARKETING, Role.ACCOUNTANT, Role.ADMIN)) {
            signIn("someone", role);
            assertThatThrownBy(() -> service.start(invoice.id(), draft, RefundOrigin.PORTAL))
                    .as(role.name())
                    .isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> service.preview(invoice.id(), draft))
                    .as(role.name())
                    .isInstanceOf(AuthorizationDeniedException.class);
        }
        signIn("mark", Role.MARKETING);
        assertThatThrownBy(() -> service.list(null, null, 0, 10)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.forInvoice(invoice.id())).isInstanceOf(AuthorizationDeniedException.class);
        signIn("sue", Role.SUPPORT);
        Refund refund = created(service.start(invoice.id(), draft, RefundOrigin.PORTAL));
        signIn("alex", Role.ACCOUNTANT);
        assertThat(service.list(merchant.id(), null, 0, 10))
                .extracting(Refund::id)
                .containsExactly(refund.id());
        assertThatThrownBy(() -> service.cancel(refund.id(), 0, "no")).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.pay(refund.id(), "x")).isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    void the_buyer_is_mailed_a_claim_link_that_opens_the_refunds_claim() throws Exception {
        PaidInvoices paid = new PaidInvoices(dsl);
        Merchant merchant = paid.merchantWithBalance(100_000_000);
        Invoice invoice = paid.settled(
                merchant.id(),
                10_000_000,
                10_000_000,
                RATE,
                "{\"buyerEmail\":\"buyer@example.com\",\"orderId\":\"o-1\"}");
        signIn("sue", Role.SUPPORT);
        Refund refund = created(
                service.start(invoice.id(), RefundDraft.of(RefundVariant.RATE_THEN, "returned"), RefundOrigin.PORTAL));
        awaitState(refund, RefundState.AWAITING_CLAIM);
        JavaMailSenderImpl smtp = new JavaMailSenderImpl();
        smtp.setHost("127.0.0.1");
        smtp.setPort(greenMail.getSmtp().getPort());
        PlainMail mail = new PlainMail(smtp, new MailProperties("127.0.0.1", "refunds@flash.example"));
        RefundActivitiesImpl activities = new RefundActivitiesImpl(
                refunds,
                new InvoiceRepository(dsl),
                new ExchangeRateRepository(dsl),
                webhooks,
                destinations,
                (to, subject, text, messageId) -> mail.send("refund claim", to, subject, text, messageId),
                links,
                List.of());

        activities.mailClaimLink(refund.id());

        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("buyer@example.com");
        assertThat(received.getSubject()).isEqualTo("Your refund of 0.00010000 BTC is ready to claim");
        String body = GreenMailUtil.getBody(received);
        Matcher link = Pattern.compile("https?://\\S+/refunds/claim/(\\w+)").matcher(body);
        assertThat(link.find()).as(body).isTrue();
        var page = claims.page(link.group(1)).orElseThrow();
        assertThat(page.refundId()).isEqualTo(refund.id());
        assertThat(page.claimable()).isTrue();
        assertThat(page.lnurl()).startsWith("LNURL1");
    }

    private SimulatedLightningNode simulated() {
        return (SimulatedLightningNode) node;
    }

    private static Refund created(RefundStartOutcome outcome) {
        assertThat(outcome).isInstanceOf(RefundStartOutcome.Created.class);
        return ((RefundStartOutcome.Created) outcome).refund();
    }

    private void awaitInbox(Refund refund) {
        long until = System.currentTimeMillis() + 15_000;
        while (dsl.fetchCount(dsl.selectFrom("approval_request").where("subject_id = ?", "refund-" + refund.id()))
                == 0) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("refund " + refund.id() + " never reached the inbox");
            }
            Thread.onSpinWait();
        }
    }

    private Refund awaitState(Refund refund, RefundState state) {
        long until = System.currentTimeMillis() + 20_000;
        while (true) {
            Refund now = refunds.findById(refund.id()).orElseThrow();
            if (now.state() == state) {
                return now;
            }
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("refund " + refund.id() + " never became " + state + "; it is " + now.state());
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
