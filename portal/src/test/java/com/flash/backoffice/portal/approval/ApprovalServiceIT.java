package com.flash.backoffice.portal.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.db.approval.ApprovalRequest;
import com.flash.backoffice.db.approval.ApprovalStatus;
import com.flash.backoffice.db.approval.Decision;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.approval.ApprovalHostWorkflow;
import com.flash.backoffice.workflows.approval.ApprovalKind;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;
import com.flash.backoffice.workflows.approval.ApprovalSubject;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The approvals inbox against the real portal: MariaDB, Temporal, the portal's own approval activities worker, and a
 * test-only requesting workflow that hosts the approval. The service lets any staff member send a decision; the
 * workflow's rules refuse, and the inbox shows why.
 */
@PortalSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalServiceIT {

    @Autowired
    ApprovalService approvals;

    @Autowired
    ApprovalRepository inbox;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    ExchangeRateRepository rates;

    @Autowired
    WorkflowClient client;

    ApprovalRequests requests;
    Merchant merchant;

    @BeforeAll
    void startTheRequestingWorkflowsWorker() {
        merchant = merchants.create(NewMerchant.withDefaults("Approvals " + UUID.randomUUID(), "EUR"));
        rates.record(new ExchangeRate("EUR", new BigDecimal("90000"), "kraken", null, "rate-fetcher", Instant.now()));
        requests = new ApprovalRequests(client, inbox, merchant.id());
    }

    @AfterAll
    void stopWorker() {
        requests.close();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private String request(long amountMsat, String requester) {
        return requests.request(amountMsat, requester);
    }

    private ApprovalOutcome outcome(String subjectId) throws Exception {
        return requests.outcome(subjectId);
    }

    private InboxItem pending(String subjectId) {
        return approvals.pending(subjectId).orElseThrow();
    }

    private ApprovalRequest row(String subjectId) {
        return inbox.find(subjectId).orElseThrow();
    }

    @Test
    void finance_sees_what_waits_oldest_first_with_the_amount_in_btc_and_the_merchants_currency() {
        String older = request(5_000_000_000L, "sam");
        String newer = request(2_000_000L, "sam");
        signIn("fiona", Role.FINANCE);

        List<InboxItem> items = approvals.inbox(0, 1000);

        assertThat(items).extracting(InboxItem::subjectId).containsSubsequence(older, newer);
        InboxItem item = items.stream()
                .filter(i -> i.subjectId().equals(older))
                .findFirst()
                .orElseThrow();
        assertThat(item.amount().toBtcString()).isEqualTo("0.05000000");
        assertThat(item.fiat().amount()).isEqualByComparingTo("4500.00");
        assertThat(item.fiat().currency()).isEqualTo("EUR");
        assertThat(item.merchantName()).isEqualTo(merchant.name());
        assertThat(item.requestedBy()).isEqualTo("sam");
        assertThat(item.approvalsNeeded()).isEqualTo(2);
        assertThat(item.deadlineAt()).isEqualTo(item.createdAt().plus(Duration.ofDays(2)));
        assertThat(item.age(item.createdAt().plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(approvals.count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_finance_approval_reaches_the_workflow_and_leaves_the_inbox() throws Exception {
        String id = request(5_000_000L, "sam");
        signIn("fiona", Role.FINANCE);

        DecisionResult result = approvals.decide(id, pending(id).revision(), ApprovalVerdict.APPROVE, null);

        assertThat(result.status()).isEqualTo(DecisionStatus.DECIDED);
        assertThat(result.outcome()).isEqualTo(ApprovalOutcome.APPROVED);
        assertThat(result.message()).isEqualTo("Approved.");
        assertThat(outcome(id)).isEqualTo(ApprovalOutcome.APPROVED);
        assertThat(row(id).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approvals.pending(id)).isEmpty();
        assertThat(approvals.inbox(0, 1000)).extracting(InboxItem::subjectId).doesNotContain(id);
    }

    @Test
    void an_admin_reads_the_inbox_and_may_send_a_decision_but_the_workflow_refuses_it() {
        String id = request(5_000_000L, "sam");
        signIn("ada", Role.ADMIN);
        InboxItem seen = pending(id);

        DecisionResult result = approvals.decide(id, seen.revision(), ApprovalVerdict.APPROVE, null);

        assertThat(result.status()).isEqualTo(DecisionStatus.REFUSED);
        assertThat(result.message()).isEqualTo("Only FINANCE can decide this request (ADMIN is no substitute).");
        assertThat(row(id).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(inbox.decisions(id)).isEmpty();
        assertThat(requests.host(id).decisions()).isEmpty();
    }

    @Test
    void the_requester_is_refused_by_the_workflow_even_with_finance() {
        String id = request(5_000_000L, "fiona");
        signIn("fiona", Role.FINANCE);

        DecisionResult result = approvals.decide(id, pending(id).revision(), ApprovalVerdict.APPROVE, null);

        assertThat(result.status()).isEqualTo(DecisionStatus.REFUSED);
        assertThat(result.message()).isEqualTo("You requested this, so someone else must decide it.");
    }

    @Test
    void a_rejection_without_a_reason_is_refused_and_with_one_it_rejects() throws Exception {
        String id = request(5_000_000L, "sam");
        signIn("fiona", Role.FINANCE);
        long revision = pending(id).revision();

        DecisionResult blank = approvals.decide(id, revision, ApprovalVerdict.REJECT, "  ");
        DecisionResult rejected = approvals.decide(id, revision, ApprovalVerdict.REJECT, "not the merchant's address");

        assertThat(blank.status()).isEqualTo(DecisionStatus.REFUSED);
        assertThat(blank.message()).isEqualTo("A rejection needs a reason.");
        assertThat(rejected.status()).isEqualTo(DecisionStatus.DECIDED);
        assertThat(rejected.message()).isEqualTo("Rejected.");
        assertThat(outcome(id)).isEqualTo(ApprovalOutcome.REJECTED);
        assertThat(inbox.decisions(id))
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("not the merchant's address"));
    }

    @Test
    void above_the_high_limit_the_second_approval_must_come_from_someone_else() throws Exception {
        String id = request(200_000_000L, "sam");
        signIn("fiona", Role.FINANCE);

        DecisionResult first = approvals.decide(id, pending(id).revision(), ApprovalVerdict.APPROVE, null);
        DecisionResult again = approvals.decide(id, pending(id).revision(), ApprovalVerdict.APPROVE, null);
        signIn("fred", Role.FINANCE);
        DecisionResult stale = approvals.decide(id, 0, ApprovalVerdict.APPROVE, null);
        DecisionResult second = approvals.decide(id, pending(id).revision(), ApprovalVerdict.APPROVE, null);

        assertThat(first.status()).isEqualTo(DecisionStatus.DECIDED);
        assertThat(first.message()).isEqualTo("Approval recorded; 1 more approval from someone else needed.");
        assertThat(again.status()).isEqualTo(DecisionStatus.REFUSED);
        assertThat(again.message()).contains("already approved");
        assertThat(stale.status()).isEqualTo(DecisionStatus.REFUSED);
        assertThat(stale.message()).startsWith("Stale revision");
        assertThat(second.outcome()).isEqualTo(ApprovalOutcome.APPROVED);
        assertThat(outcome(id)).isEqualTo(ApprovalOutcome.APPROVED);
    }

    @Test
    void a_bulk_approval_decides_each_request_and_reports_the_refused_one() throws Exception {
        String mine = request(5_000_000L, "fiona");
        String first = request(5_000_000L, "sam");
        String second = request(5_000_000L, "sam");
        signIn("fiona", Role.FINANCE);
        List<InboxItem> selected = List.of(pending(first), pending(mine), pending(second));

        List<DecisionResult> results = approvals.decideAll(selected, ApprovalVerdict.APPROVE, null);

        assertThat(results).extracting(DecisionResult::subjectId).containsExactly(first, mine, second);
        assertThat(results)
                .extracting(DecisionResult::status)
                .containsExactly(DecisionStatus.DECIDED, DecisionStatus.REFUSED, DecisionStatus.DECIDED);
        assertThat(results.get(1).message()).isEqualTo("You requested this, so someone else must decide it.");
        assertThat(outcome(first)).isEqualTo(ApprovalOutcome.APPROVED);
        assertThat(outcome(second)).isEqualTo(ApprovalOutcome.APPROVED);
        assertThat(row(mine).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(approvals.pending(mine)).isPresent();
    }

    @Test
    void a_bulk_approval_of_many_requests_answers_each_in_order_and_applies_only_those_the_rules_allow()
            throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(requests.start(5_000_000L, "sam"));
        }
        String mine = requests.start(5_000_000L, "fiona");
        String twoApprovers = requests.start(200_000_000L, "sam");
        ids.add(10, mine);
        ids.add(30, twoApprovers);
        ids.forEach(requests::opened);
        signIn("fiona", Role.FINANCE);
        List<InboxItem> selected = ids.stream().map(this::pending).toList();
        signIn("fred", Role.FINANCE);
        // fred approves first, so the revision fiona saw is stale when her bulk approval arrives
        approvals.decide(twoApprovers, pending(twoApprovers).revision(), ApprovalVerdict.APPROVE, null);
        signIn("fiona", Role.FINANCE);

        List<DecisionResult> results = approvals.decideAll(selected, ApprovalVerdict.APPROVE, null);

        assertThat(results).extracting(DecisionResult::subjectId).containsExactlyElementsOf(ids);
        assertThat(results.get(10).status()).isEqualTo(DecisionStatus.REFUSED);
        assertThat(results.get(10).message()).isEqualTo("You requested this, so someone else must decide it.");
        assertThat(results.get(30).status()).isEqualTo(DecisionStatus.REFUSED);
        assertThat(results.get(30).message()).startsWith("Stale revision");
        assertThat(row(mine).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(inbox.decisions(mine)).isEmpty();
        assertThat(row(twoApprovers).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(inbox.decisions(twoApprovers))
                .extracting(Decision::decidedBy)
                .containsExactly("fred");
        for (int i = 0; i < ids.size(); i++) {
            if (i == 10 || i == 30) {
                continue;
            }
            String id = ids.get(i);
            assertThat(results.get(i).status()).as(id).isEqualTo(DecisionStatus.DECIDED);
            assertThat(results.get(i).outcome()).as(id).isEqualTo(ApprovalOutcome.APPROVED);
            assertThat(outcome(id)).as(id).isEqualTo(ApprovalOutcome.APPROVED);
            assertThat(inbox.decisions(id)).extracting(Decision::decidedBy).containsExactly("fiona");
        }
        assertThat(SecurityContextHolder.getContext().getAuthentication().getName())
                .isEqualTo("fiona");
    }

    @Test
    void a_decision_on_a_request_no_longer_pending_says_so() throws Exception {
        String id = request(5_000_000L, "sam");
        signIn("fiona", Role.FINANCE);
        long revision = pending(id).revision();
        approvals.decide(id, revision, ApprovalVerdict.APPROVE, null);
        outcome(id);

        DecisionResult late = approvals.decide(id, revision, ApprovalVerdict.REJECT, "too late");
        DecisionResult unknown = approvals.decide("payout-nobody", 0, ApprovalVerdict.APPROVE, null);

        assertThat(late.status()).isEqualTo(DecisionStatus.NOT_PENDING);
        assertThat(unknown.status()).isEqualTo(DecisionStatus.NOT_PENDING);
        assertThat(late.message()).contains("no longer waiting");
    }

    @Test
    void support_cannot_read_the_inbox_and_its_decision_is_refused_by_the_workflow() {
        String id = request(5_000_000L, "sam");
        signIn("sue", Role.SUPPORT);

        assertThatThrownBy(() -> approvals.inbox(0, 10)).isInstanceOf(AuthorizationDeniedException.class);
        DecisionResult result = approvals.decide(id, 0, ApprovalVerdict.APPROVE, null);

        assertThat(result.status()).isEqualTo(DecisionStatus.REFUSED);
        assertThat(result.message()).startsWith("Only FINANCE can decide");
    }

    @Test
    void below_the_auto_approve_limit_nothing_reaches_the_inbox() throws Exception {
        String id = "payout-test-" + UUID.randomUUID();
        ApprovalHostWorkflow host = client.newWorkflowStub(
                ApprovalHostWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(id)
                        .setTaskQueue(ApprovalHostWorkflow.TASK_QUEUE)
                        .build());

        ApprovalOutcome outcome = host.run(
                new ApprovalSubject(ApprovalKind.PAYOUT, id, id, merchant.id(), 999_999L, "sam", "small"),
                ApprovalRequests.POLICY);

        assertThat(outcome).isEqualTo(ApprovalOutcome.AUTO_APPROVED);
        assertThat(inbox.find(id)).isEmpty();
        assertThat(WorkflowStub.fromTyped(host).getExecution().getWorkflowId()).isEqualTo(id);
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
