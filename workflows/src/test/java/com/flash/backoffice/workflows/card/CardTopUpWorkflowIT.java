package com.flash.backoffice.workflows.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.db.approval.ApprovalStatus;
import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardLifecycle;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.NewCardProgramme;
import com.flash.backoffice.db.card.TopUpState;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.approval.ApprovalActivities;
import com.flash.backoffice.workflows.approval.ApprovalActivitiesImpl;
import com.flash.backoffice.workflows.approval.ApprovalDecision;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;
import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FINANCE's manual top-ups with time skipping, the real approval and top-up activities on MariaDB: booked at once up
 * to the limit, four eyes above it, two approvers above the high limit, nothing booked when rejected or undecided.
 */
class CardTopUpWorkflowIT {

    /** Up to 100,000 sat at once; above 1,000,000 sat two approvers. */
    static final ApprovalPolicy POLICY =
            new ApprovalPolicy("FINANCE", 100_000_001, 1_000_000_000, Duration.ofHours(4), Duration.ofHours(72));

    static final Set<String> FINANCE = Set.of("FINANCE");

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow =
            TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

    private static TestDatabase database;
    private static CardRepository cards;
    private static CardLifecycle lifecycle;
    private static CardWithdrawals withdrawals;
    private static CardTopUps topUps;
    private static ApprovalRepository approvals;
    private static CardProgramme programme;

    private WorkflowClient client;
    private TestWorkflowEnvironment env;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("card_top_up_workflow_it");
        cards = new CardRepository(database.dsl());
        lifecycle = new CardLifecycle(database.dsl());
        withdrawals = new CardWithdrawals(database.dsl());
        topUps = new CardTopUps(database.dsl());
        approvals = new ApprovalRepository(database.dsl());
        programme = cards.createProgramme(new NewCardProgramme(
                RandomIds.newId(),
                "Manual " + RandomIds.newId(),
                new byte[44],
                50_000_000,
                200_000_000,
                null,
                30,
                "fiona"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void startWorkers(TestWorkflowEnvironment env, WorkflowClient client) {
        this.env = env;
        this.client = client;
        CardTestWorkers.register(env, database.dsl());
        env.newWorker(ApprovalActivities.TASK_QUEUE)
                .registerActivitiesImplementations(new ApprovalActivitiesImpl(database.dsl(), reminder -> {}));
        env.start();
    }

    @Test
    void up_to_the_limit_the_top_up_is_booked_at_once_without_an_inbox_row() {
        Card card = card();
        ManualTopUpRequest request = request(card, 100_000_000);

        CardTopUpSnapshot done = run(request);

        assertThat(done.state()).isEqualTo(TopUpState.CREDITED);
        assertThat(done.outcome()).isEqualTo(ApprovalOutcome.AUTO_APPROVED);
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(100_000_000);
        assertThat(approvals.find(CardTopUpWorkflow.workflowId(request.topUpId())))
                .isEmpty();
        assertThat(topUps.find(request.topUpId()).orElseThrow().reason()).isEqualTo("goodwill");
    }

    @Test
    void above_the_limit_another_finance_user_approves_and_nobody_else_can() {
        Card card = card();
        ManualTopUpRequest request = request(card, 500_000_000);
        CardTopUpWorkflow workflow = start(request);
        String subject = CardTopUpWorkflow.workflowId(request.topUpId());
        awaitInbox(subject);

        assertThat(refusal(() -> workflow.decide(approve("fiona", FINANCE, 0)))).contains("someone else must decide");
        assertThat(refusal(() -> workflow.decide(approve("sue", Set.of("SUPPORT"), 0))))
                .contains("Only FINANCE");
        assertThat(refusal(() -> workflow.decide(approve("ada", Set.of("ADMIN"), 0))))
                .contains("ADMIN is no substitute");
        assertThat(withdrawals.balanceMsat(card.id()))
                .as("nothing booked while it waits")
                .isZero();
        assertThat(topUps.find(request.topUpId()).orElseThrow().state()).isEqualTo(TopUpState.OPEN);
        workflow.decide(approve("tom", FINANCE, 0));

        CardTopUpSnapshot done = result(request);
        assertThat(done.state()).isEqualTo(TopUpState.CREDITED);
        assertThat(done.outcome()).isEqualTo(ApprovalOutcome.APPROVED);
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(500_000_000);
        assertThat(approvals.find(subject).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void above_the_high_limit_two_distinct_approvers_are_needed() {
        Card card = card();
        ManualTopUpRequest request = request(card, 2_000_000_000);
        CardTopUpWorkflow workflow = start(request);
        awaitInbox(CardTopUpWorkflow.workflowId(request.topUpId()));

        assertThat(workflow.decide(approve("tom", FINANCE, 0)).approvalsStillNeeded())
                .isEqualTo(1);
        assertThat(refusal(() -> workflow.decide(approve("tom", FINANCE, 1)))).contains("already approved");
        assertThat(withdrawals.balanceMsat(card.id())).isZero();
        workflow.decide(approve("una", FINANCE, 1));

        assertThat(result(request).state()).isEqualTo(TopUpState.CREDITED);
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(2_000_000_000);
    }

    @Test
    void a_rejected_or_undecided_top_up_is_cancelled_and_books_nothing() {
        Card rejectedCard = card();
        ManualTopUpRequest rejected = request(rejectedCard, 300_000_000);
        CardTopUpWorkflow rejecting = start(rejected);
        awaitInbox(CardTopUpWorkflow.workflowId(rejected.topUpId()));
        Card undecidedCard = card();
        ManualTopUpRequest undecided = request(undecidedCard, 300_000_000);
        start(undecided);
        awaitInbox(CardTopUpWorkflow.workflowId(undecided.topUpId()));

        assertThat(refusal(
                        () -> rejecting.decide(new ApprovalDecision("tom", FINANCE, ApprovalVerdict.REJECT, " ", 0))))
                .contains("needs a reason");
        rejecting.decide(new ApprovalDecision("tom", FINANCE, ApprovalVerdict.REJECT, "no ticket for this", 0));
        env.sleep(POLICY.deadline().plusHours(1));

        assertThat(result(rejected).state()).isEqualTo(TopUpState.CANCELLED);
        assertThat(topUps.find(rejected.topUpId()).orElseThrow().note())
                .isEqualTo("Rejected by tom: no ticket for this");
        assertThat(result(undecided).outcome()).isEqualTo(ApprovalOutcome.EXPIRED);
        assertThat(topUps.find(undecided.topUpId()).orElseThrow().note())
                .isEqualTo("Not decided before the approval deadline");
        assertThat(withdrawals.balanceMsat(rejectedCard.id()) + withdrawals.balanceMsat(undecidedCard.id()))
                .isZero();
    }

    private CardTopUpWorkflow start(ManualTopUpRequest request) {
        CardTopUpWorkflows.start(client, request);
        return CardTopUpWorkflows.stub(client, request.topUpId());
    }

    private CardTopUpSnapshot run(ManualTopUpRequest request) {
        start(request);
        return result(request);
    }

    private CardTopUpSnapshot result(ManualTopUpRequest request) {
        return WorkflowStub.fromTyped(CardTopUpWorkflows.stub(client, request.topUpId()))
                .getResult(CardTopUpSnapshot.class);
    }

    private static void awaitInbox(String subject) {
        long until = System.currentTimeMillis() + 10_000;
        while (approvals.find(subject).isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the inbox row opens").isLessThan(until);
            Thread.onSpinWait();
        }
    }

    private static ManualTopUpRequest request(Card card, long msat) {
        return new ManualTopUpRequest(
                RandomIds.newId(), card.id(), msat, "goodwill", "fiona", List.of("FINANCE"), POLICY);
    }

    private static ApprovalDecision approve(String who, Set<String> roles, long revision) {
        return new ApprovalDecision(who, roles, ApprovalVerdict.APPROVE, null, revision);
    }

    private static Card card() {
        Card card = cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        cards.programmed(card.id(), RandomIds.randomHex(16), 0);
        return cards.findById(card.id()).orElseThrow();
    }

    private static String refusal(Runnable command) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(command::run);
        assertThat(thrown).isInstanceOf(WorkflowUpdateException.class);
        Throwable cause = thrown;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
