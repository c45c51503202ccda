package com.flash.backoffice.workflows.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardEvent;
import com.flash.backoffice.db.card.CardLifecycle;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardReason;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.NewCardProgramme;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.TestDatabase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A card's workflow with time skipping and the real lifecycle activities on MariaDB. */
class CardWorkflowIT {

    static final Duration WINDOW = Duration.ofDays(30);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow =
            TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

    private static TestDatabase database;
    private static CardRepository cards;
    private static CardLifecycle lifecycle;
    private static CardWithdrawals withdrawals;
    private static CardProgramme programme;

    private WorkflowClient client;
    private TestWorkflowEnvironment env;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("card_workflow_it");
        cards = new CardRepository(database.dsl());
        lifecycle = new CardLifecycle(database.dsl());
        withdrawals = new CardWithdrawals(database.dsl());
        programme = cards.createProgramme(new NewCardProgramme(
                RandomIds.newId(),
                "Workflow " + RandomIds.newId(),
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
        env.start();
    }

    @Test
    void the_holder_activates_support_freezes_and_unfreezes_finance_retires_each_with_its_reason_and_audit() {
        Card card = programmed();
        CardWorkflow workflow = start(card);

        workflow.activate(CardCommand.holder("code entered on the activation page"));
        workflow.freeze(support(CardReason.SUSPECTED_FRAUD, "three taps abroad"));
        assertThat(cards.findById(card.id()).orElseThrow().state()).isEqualTo(CardState.FROZEN);
        workflow.unfreeze(support(CardReason.RECOVERED, "the holder confirmed"));
        workflow.retire(new CardCommand("fiona", List.of("FINANCE"), CardReason.PROGRAMME_ENDED, null));

        assertThat(result(card).state()).isEqualTo(CardState.RETIRED);
        assertThat(lifecycle.events(card.id()))
                .extracting(CardEvent::state, CardEvent::reason, CardEvent::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CardState.ACTIVE, CardReason.ACTIVATED_BY_HOLDER, "holder"),
                        org.assertj.core.groups.Tuple.tuple(CardState.FROZEN, CardReason.SUSPECTED_FRAUD, "sue"),
                        org.assertj.core.groups.Tuple.tuple(CardState.ACTIVE, CardReason.RECOVERED, "sue"),
                        org.assertj.core.groups.Tuple.tuple(CardState.RETIRED, CardReason.PROGRAMME_ENDED, "fiona"));
        assertThat(database.dsl()
                        .fetchCount(database.dsl()
                                .selectFrom("audit_log")
                                .where("target_id = ? and action like 'card.%'", card.id())))
                .as("each change a person made, the holder's activation too")
                .isEqualTo(4);
    }

    @Test
    void nobody_but_support_freezes_a_card_and_a_frozen_card_cannot_be_frozen_or_activated() {
        Card card = programmed();
        CardWorkflow workflow = start(card);
        workflow.activate(support(CardReason.ACTIVATED_BY_SUPPORT, "checked the holder's ID"));

        assertThat(refusal(() ->
                        workflow.freeze(new CardCommand("mia", List.of("MARKETING"), CardReason.HOLDER_REQUEST, null))))
                .contains("Only SUPPORT freezes");
        assertThat(refusal(() -> workflow.freeze(new CardCommand("sue", List.of("SUPPORT"), null, null))))
                .contains("A reason code is required");
        workflow.freeze(support(CardReason.HOLDER_REQUEST, null));
        assertThat(refusal(() -> workflow.freeze(support(CardReason.HOLDER_REQUEST, null))))
                .contains("Only an active card can be frozen");
        assertThat(refusal(() -> workflow.activate(CardCommand.holder(null)))).contains("cannot be activated");
        assertThat(lifecycle.events(card.id())).hasSize(2);
    }

    @Test
    void the_last_wrong_pin_freezes_the_card_by_its_workflow_and_support_unfreezes_it() {
        Card card = programmed();
        CardWorkflow workflow = start(card);
        assertThat(refusal(workflow::lockOut)).contains("not active");
        workflow.activate(CardCommand.holder(null));

        assertThat(workflow.lockOut().state()).isEqualTo(CardState.FROZEN);
        assertThat(refusal(workflow::lockOut)).contains("frozen, not active");
        workflow.unfreeze(support(CardReason.RECOVERED, "holder identified"));

        assertThat(lifecycle.events(card.id()))
                .extracting(CardEvent::state, CardEvent::reason, CardEvent::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CardState.ACTIVE, CardReason.ACTIVATED_BY_HOLDER, "holder"),
                        org.assertj.core.groups.Tuple.tuple(CardState.FROZEN, CardReason.PIN_LOCKED, "workflow"),
                        org.assertj.core.groups.Tuple.tuple(CardState.ACTIVE, CardReason.RECOVERED, "sue"));
    }

    @Test
    void a_long_lived_card_continues_as_new_and_keeps_its_revisions_and_rules() {
        Card card = programmed();
        CardWorkflows.start(client, new CardLifecycleRequest(card.id(), WINDOW, 60));
        CardWorkflow workflow = CardWorkflows.stub(client, card.id());
        String firstRun = WorkflowStub.fromTyped(workflow).getExecution().getRunId();
        workflow.activate(CardCommand.holder(null));

        for (int i = 0; i < 8; i++) {
            workflow.freeze(support(CardReason.HOLDER_REQUEST, "round " + i));
            workflow.unfreeze(support(CardReason.RECOVERED, "round " + i));
        }

        String lastRun = client.newUntypedWorkflowStub(CardWorkflow.workflowId(card.id()))
                .describe()
                .getExecution()
                .getRunId();
        assertThat(lastRun)
                .as("the history reached its limit and the card went on in a new run")
                .isNotEqualTo(firstRun);
        assertThat(workflow.snapshot().revision()).isEqualTo(17);
        assertThat(refusal(() -> workflow.unfreeze(support(CardReason.RECOVERED, null))))
                .as("the new run knows the card's state")
                .contains("not frozen");
        workflow.retire(support(CardReason.PROGRAMME_ENDED, null));
        assertThat(result(card).state()).isEqualTo(CardState.RETIRED);
        assertThat(lifecycle.events(card.id()))
                .extracting(CardEvent::revision)
                .as("one event per revision, none lost or repeated across runs")
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, 18).boxed().toList());
    }

    @Test
    void an_update_that_reaches_a_continued_run_before_its_method_starts_is_judged_on_the_carried_state() {
        Card card = programmed();
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        // as the previous run continues as new: the new run starts with a freeze already waiting in its first task
        CardWorkflow workflow = client.newWorkflowStub(
                CardWorkflow.class,
                io.temporal.client.WorkflowOptions.newBuilder()
                        .setWorkflowId(CardWorkflow.workflowId(card.id()))
                        .setTaskQueue(CardWorkflow.TASK_QUEUE)
                        .setWorkflowIdConflictPolicy(
                                io.temporal.api.enums.v1.WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                        .build());
        io.temporal.client.WithStartWorkflowOperation<CardSnapshot> start =
                new io.temporal.client.WithStartWorkflowOperation<>(
                        workflow::run, new CardLifecycleRequest(card.id(), WINDOW, 0, 0, CardState.ACTIVE));

        CardSnapshot frozen = WorkflowClient.executeUpdateWithStart(
                workflow::freeze,
                support(CardReason.HOLDER_REQUEST, "at once"),
                io.temporal.client.UpdateOptions.<CardSnapshot>newBuilder()
                        .setWaitForStage(io.temporal.client.WorkflowUpdateStage.COMPLETED)
                        .build(),
                start);

        assertThat(frozen.state()).isEqualTo(CardState.FROZEN);
        assertThat(frozen.revision()).isEqualTo(1);
        assertThat(workflow.snapshot().state())
                .as("the run's method kept the update's change")
                .isEqualTo(CardState.FROZEN);
    }

    @Test
    void a_card_not_activated_within_its_window_is_retired_by_its_timer() {
        Card card = programmed();
        CardWorkflow workflow = start(card);

        env.sleep(WINDOW.plusHours(1));

        assertThat(result(card).state()).isEqualTo(CardState.RETIRED);
        assertThat(lifecycle.events(card.id())).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(CardReason.NOT_ACTIVATED_IN_TIME);
            assertThat(event.actor()).isEqualTo("workflow");
        });
        assertThat(cards.findById(card.id()).orElseThrow().state()).isEqualTo(CardState.RETIRED);
        assertThatThrownBy(() -> workflow.activate(CardCommand.holder(null)))
                .as("a retired card's workflow has ended: nothing activates it")
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void an_unprogrammed_card_cannot_be_activated_until_it_is_programmed() {
        Card card = cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        CardWorkflow workflow = start(card);

        assertThat(refusal(() -> workflow.activate(support(CardReason.ACTIVATED_BY_SUPPORT, null))))
                .contains("program it with the Bolt Card app first");
        cards.programmed(card.id(), RandomIds.randomHex(16), 0);
        workflow.activate(support(CardReason.ACTIVATED_BY_SUPPORT, null));

        assertThat(cards.findById(card.id()).orElseThrow().state()).isEqualTo(CardState.ACTIVE);
    }

    @Test
    void a_lost_card_moves_its_exact_balance_to_its_replacement_and_is_dead_for_good() {
        Card card = programmed();
        CardWorkflow workflow = start(card);
        workflow.activate(CardCommand.holder(null));
        withdrawals.creditFromLightning(card.id(), 77_777_777, "card-" + card.id() + "-top", "top-up", Instant.now());
        Card replacement = programmed();
        Card foreign = cards.issueBatch(
                        cards.createProgramme(new NewCardProgramme(
                                        RandomIds.newId(),
                                        "Other " + RandomIds.newId(),
                                        new byte[44],
                                        1_000,
                                        1_000,
                                        null,
                                        30,
                                        "fiona"))
                                .id(),
                        List.of(RandomIds.randomHex(32)),
                        "fiona")
                .getFirst();

        assertThat(refusal(() -> workflow.reportLost(support(CardReason.LOST, null), foreign.id())))
                .contains("same programme");
        workflow.reportLost(support(CardReason.STOLEN, "holder called"), replacement.id());

        assertThat(result(card).state()).isEqualTo(CardState.LOST);
        assertThat(withdrawals.balanceMsat(card.id())).isZero();
        assertThat(withdrawals.balanceMsat(replacement.id())).isEqualTo(77_777_777);
        assertThat(cards.findById(card.id()).orElseThrow().replacedBy()).isEqualTo(replacement.id());
    }

    private CardWorkflow start(Card card) {
        CardWorkflows.start(client, new CardLifecycleRequest(card.id(), WINDOW));
        CardWorkflow workflow = CardWorkflows.stub(client, card.id());
        long until = System.currentTimeMillis() + 10_000;
        while (workflow.snapshot().cardId() == null) {
            assertThat(System.currentTimeMillis()).isLessThan(until);
        }
        return workflow;
    }

    private CardSnapshot result(Card card) {
        return WorkflowStub.fromTyped(CardWorkflows.stub(client, card.id())).getResult(CardSnapshot.class);
    }

    private static Card programmed() {
        Card card = cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        cards.programmed(card.id(), RandomIds.randomHex(16), 0);
        return cards.findById(card.id()).orElseThrow();
    }

    private static CardCommand support(CardReason reason, String note) {
        return new CardCommand("sue", List.of("SUPPORT"), reason, note);
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
