package com.flash.backoffice.workflows.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.db.approval.ApprovalStatus;
import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.merchant.GuardedSettings;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantChangeRepository;
import com.flash.backoffice.db.merchant.MerchantChangeStatus;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.approval.ApprovalActivities;
import com.flash.backoffice.workflows.approval.ApprovalActivitiesImpl;
import com.flash.backoffice.workflows.approval.ApprovalDecision;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;
import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
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
 * The two-person rule for a merchant's watch-only key, payout destination and custody, with time skipping and the
 * real approval and merchant change activities on MariaDB: nothing changes until someone other than the requester
 * (ADMIN or FINANCE) approves; a rejected, undecided, withdrawn or overtaken change writes nothing to the merchant.
 */
class MerchantChangeWorkflowIT {

    static final ApprovalPolicy POLICY =
            new ApprovalPolicy("ADMIN,FINANCE", 0, Long.MAX_VALUE, Duration.ofHours(24), Duration.ofDays(7));
    static final String OLD_KEY = "xpub-old-" + RandomIds.newId();
    static final String NEW_KEY = "xpub-new-" + RandomIds.newId();

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow =
            TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

    private static TestDatabase database;
    private static MerchantRepository merchants;
    private static MerchantChangeRepository changes;
    private static ApprovalRepository approvals;
    private static AuditLogRepository audit;

    private WorkflowClient client;
    private TestWorkflowEnvironment env;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("merchant_change_workflow_it");
        merchants = new MerchantRepository(database.dsl());
        changes = new MerchantChangeRepository(database.dsl());
        approvals = new ApprovalRepository(database.dsl());
        audit = new AuditLogRepository(database.dsl());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void startWorkers(TestWorkflowEnvironment env, WorkflowClient client) {
        this.env = env;
        this.client = client;
        MerchantWorker.register(
                env.newWorker(MerchantChangeWorkflow.TASK_QUEUE), new MerchantChangeActivitiesImpl(changes));
        env.newWorker(ApprovalActivities.TASK_QUEUE)
                .registerActivitiesImplementations(new ApprovalActivitiesImpl(database.dsl(), reminder -> {}));
        env.start();
    }

    @Test
    void the_change_waits_for_someone_else_and_is_applied_once_approved() {
        Merchant merchant = merchant();
        MerchantChangeRequest request = request(merchant, newDestination(merchant));
        MerchantChangeWorkflow workflow = start(request);
        String subject = MerchantChangeWorkflow.subjectId(request.changeId());
        awaitInbox(subject);

        assertThat(refusal(() -> workflow.decide(approve("ada", Set.of("ADMIN"), 0))))
                .contains("You requested this, so someone else must decide it.");
        assertThat(refusal(() -> workflow.decide(approve("sue", Set.of("SUPPORT"), 0))))
                .contains("Only ADMIN or FINANCE can decide this request.")
                .doesNotContain("no substitute");
        assertThat(refusal(() -> workflow.decide(approve("mia", Set.of("MARKETING"), 0))))
                .contains("Only ADMIN or FINANCE");
        assertThat(merchants.findById(merchant.id()).orElseThrow().payoutDestination())
                .as("nothing changes while it waits")
                .isEqualTo("bc1qold" + merchant.id());
        assertThat(changes.pending(merchant.id()).orElseThrow().changes())
                .containsExactly(GuardedSettings.PAYOUT_DESTINATION);
        assertThat(approvals.find(subject).orElseThrow().summary())
                .isEqualTo("Change of payout destination: payouts to bc1qnew" + merchant.id());

        workflow.decide(approve("bob", Set.of("ADMIN"), 0));

        MerchantChangeSnapshot done = result(merchant);
        assertThat(done.status()).isEqualTo(MerchantChangeStatus.APPLIED);
        assertThat(done.outcome()).isEqualTo(ApprovalOutcome.APPROVED);
        Merchant after = merchants.findById(merchant.id()).orElseThrow();
        assertThat(after.payoutDestination()).isEqualTo("bc1qnew" + merchant.id());
        assertThat(after.derivationScheme()).isEqualTo(OLD_KEY);
        assertThat(after.revision()).isEqualTo(merchant.revision() + 1);
        assertThat(changes.find(request.changeId()).orElseThrow().note())
                .isEqualTo("Requested by ada, approved by bob");
        assertThat(approvals.find(subject).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(auditActions(merchant)).contains("merchant.change.request", "merchant.change.apply");
    }

    @Test
    void finance_may_approve_too_and_a_second_change_must_wait_for_the_first() {
        Merchant merchant = merchant();
        GuardedSettings wanted =
                new GuardedSettings(NEW_KEY, merchant.payoutDestination(), OnchainCustody.FLASH_WALLET);
        MerchantChangeRequest request = request(merchant, wanted);
        MerchantChangeWorkflow workflow = start(request);
        awaitInbox(MerchantChangeWorkflow.subjectId(request.changeId()));

        assertThatThrownBy(() -> start(request(merchant, newDestination(merchant))))
                .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
        workflow.decide(approve("fay", Set.of("FINANCE"), 0));

        assertThat(result(merchant).status()).isEqualTo(MerchantChangeStatus.APPLIED);
        Merchant after = merchants.findById(merchant.id()).orElseThrow();
        assertThat(GuardedSettings.of(after)).isEqualTo(wanted);
        assertThat(changes.find(request.changeId()).orElseThrow().changes())
                .containsExactly(GuardedSettings.WATCH_ONLY_KEY, GuardedSettings.CUSTODY);
        MerchantChangeRequest next = request(after, newDestination(after));
        start(next);
        awaitInbox(MerchantChangeWorkflow.subjectId(next.changeId()));
        assertThat(changes.pending(merchant.id()).orElseThrow().id())
                .as("a closed change does not stand in the way")
                .isEqualTo(next.changeId());
    }

    @Test
    void a_rejected_undecided_or_withdrawn_change_writes_nothing_to_the_merchant() {
        Merchant rejectedMerchant = merchant();
        MerchantChangeRequest rejected = request(rejectedMerchant, newDestination(rejectedMerchant));
        MerchantChangeWorkflow rejecting = start(rejected);
        awaitInbox(MerchantChangeWorkflow.subjectId(rejected.changeId()));
        Merchant undecidedMerchant = merchant();
        MerchantChangeRequest undecided = request(undecidedMerchant, newDestination(undecidedMerchant));
        start(undecided);
        awaitInbox(MerchantChangeWorkflow.subjectId(undecided.changeId()));
        Merchant withdrawnMerchant = merchant();
        MerchantChangeRequest withdrawn = request(withdrawnMerchant, newDestination(withdrawnMerchant));
        MerchantChangeWorkflow withdrawing = start(withdrawn);
        awaitInbox(MerchantChangeWorkflow.subjectId(withdrawn.changeId()));

        rejecting.decide(new ApprovalDecision("bob", Set.of("ADMIN"), ApprovalVerdict.REJECT, "call the merchant", 0));
        withdrawing.withdraw("ada");
        env.sleep(POLICY.deadline().plusHours(1));

        assertThat(result(rejectedMerchant).status()).isEqualTo(MerchantChangeStatus.REJECTED);
        assertThat(changes.find(rejected.changeId()).orElseThrow().note())
                .isEqualTo("Rejected by bob: call the merchant");
        assertThat(result(undecidedMerchant).status()).isEqualTo(MerchantChangeStatus.EXPIRED);
        assertThat(result(withdrawnMerchant).status()).isEqualTo(MerchantChangeStatus.WITHDRAWN);
        for (Merchant merchant : List.of(rejectedMerchant, undecidedMerchant, withdrawnMerchant)) {
            Merchant now = merchants.findById(merchant.id()).orElseThrow();
            assertThat(now.payoutDestination()).isEqualTo(merchant.payoutDestination());
            assertThat(now.revision()).isEqualTo(merchant.revision());
            assertThat(changes.pending(merchant.id())).isEmpty();
        }
    }

    @Test
    void an_approved_change_whose_settings_moved_meanwhile_is_stale_and_writes_nothing() {
        Merchant merchant = merchant();
        MerchantChangeRequest request = request(merchant, newDestination(merchant));
        MerchantChangeWorkflow workflow = start(request);
        awaitInbox(MerchantChangeWorkflow.subjectId(request.changeId()));
        // someone wrote the destination another way (a restore, an operator in the database)
        merchants.update(
                merchant.id(),
                merchant.revision(),
                merchant.editableValues()
                        .withGuarded(new GuardedSettings(OLD_KEY, "bc1qelsewhere", OnchainCustody.MERCHANT_WALLET)));

        workflow.decide(approve("bob", Set.of("ADMIN"), 0));

        assertThat(result(merchant).status()).isEqualTo(MerchantChangeStatus.STALE);
        assertThat(merchants.findById(merchant.id()).orElseThrow().payoutDestination())
                .isEqualTo("bc1qelsewhere");
    }

    @Test
    void applying_twice_writes_once() {
        Merchant merchant = merchant();
        MerchantChangeRequest request = request(merchant, newDestination(merchant));
        MerchantChangeActivitiesImpl activities = new MerchantChangeActivitiesImpl(changes);
        activities.record(request);
        activities.record(request);

        assertThat(activities.apply(request.changeId(), "approved")).isEqualTo(MerchantChangeStatus.APPLIED);
        assertThat(activities.apply(request.changeId(), "approved")).isEqualTo(MerchantChangeStatus.APPLIED);

        assertThat(merchants.findById(merchant.id()).orElseThrow().revision()).isEqualTo(merchant.revision() + 1);
        assertThat(auditActions(merchant)).containsOnlyOnce("merchant.change.request", "merchant.change.apply");
    }

    private static List<String> auditActions(Merchant merchant) {
        return audit.find(AuditQuery.all(0, 10_000)).stream()
                .filter(entry -> merchant.id().equals(entry.targetId()))
                .map(AuditEntry::action)
                .toList();
    }

    private MerchantChangeWorkflow start(MerchantChangeRequest request) {
        MerchantChangeWorkflows.start(client, request);
        return MerchantChangeWorkflows.stub(client, request.merchantId());
    }

    private MerchantChangeSnapshot result(Merchant merchant) {
        return WorkflowStub.fromTyped(MerchantChangeWorkflows.stub(client, merchant.id()))
                .getResult(MerchantChangeSnapshot.class);
    }

    private static Merchant merchant() {
        Merchant created = merchants.create(NewMerchant.withDefaults("Change " + RandomIds.newId(), "EUR"));
        merchants.update(
                created.id(),
                created.revision(),
                created.editableValues()
                        .withGuarded(new GuardedSettings(
                                OLD_KEY, "bc1qold" + created.id(), OnchainCustody.MERCHANT_WALLET)));
        return merchants.findById(created.id()).orElseThrow();
    }

    private static GuardedSettings newDestination(Merchant merchant) {
        return new GuardedSettings(merchant.derivationScheme(), "bc1qnew" + merchant.id(), merchant.onchainCustody());
    }

    private static MerchantChangeRequest request(Merchant merchant, GuardedSettings after) {
        return new MerchantChangeRequest(
                RandomIds.newId(), merchant.id(), GuardedSettings.of(merchant), after, "ada", List.of("ADMIN"), POLICY);
    }

    private static ApprovalDecision approve(String who, Set<String> roles, long revision) {
        return new ApprovalDecision(who, roles, ApprovalVerdict.APPROVE, null, revision);
    }

    private static void awaitInbox(String subject) {
        long until = System.currentTimeMillis() + 10_000;
        while (approvals.find(subject).isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the inbox row opens").isLessThan(until);
            Thread.onSpinWait();
        }
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
