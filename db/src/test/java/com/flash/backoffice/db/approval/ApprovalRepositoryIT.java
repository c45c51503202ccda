package com.flash.backoffice.db.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The approvals inbox on MariaDB: idempotent writes (an activity may run twice) and the inbox's order. */
class ApprovalRepositoryIT {

    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");

    private TestDatabase database;
    private DSLContext dsl;
    private ApprovalRepository approvals;
    private Merchant merchant;

    @BeforeEach
    void migrate() {
        database = TestDatabase.migrated("approval_it");
        dsl = database.dsl();
        approvals = new ApprovalRepository(dsl);
        merchant = new MerchantRepository(dsl).create(NewMerchant.withDefaults("Approval shop", "EUR"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void opening_the_same_request_twice_stores_it_once() {
        assertThat(approvals.open(request("payout-1", "FINANCE", T0))).isTrue();
        assertThat(approvals.open(request("payout-1", "FINANCE", T0.plusSeconds(5))))
                .isFalse();

        ApprovalRequest stored = approvals.find("payout-1").orElseThrow();
        assertThat(stored.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.merchantId()).isEqualTo(merchant.id());
        assertThat(stored.amountMsat()).isEqualTo(5_000_000L);
        assertThat(stored.approvalsNeeded()).isEqualTo(2);
        assertThat(stored.approvalsGiven()).isZero();
        assertThat(stored.remindAt()).isEqualTo(T0.plus(Duration.ofHours(4)));
        assertThat(stored.deadlineAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThat(stored.decidedAt()).isNull();
    }

    @Test
    void a_decision_stored_again_by_a_retried_activity_writes_nothing_twice() {
        approvals.open(request("payout-2", "FINANCE", T0));
        NewApprovalDecision decision =
                new NewApprovalDecision("payout-2", "fiona", Verdict.APPROVE, null, 0, T0.plusSeconds(60));

        boolean first = approvals.recordDecision(decision);
        boolean firstUpdate = approvals.update("payout-2", 1, 1, ApprovalStatus.PENDING, decision.decidedAt());
        boolean again = approvals.recordDecision(decision);
        boolean againUpdate = approvals.update("payout-2", 1, 1, ApprovalStatus.PENDING, decision.decidedAt());

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(firstUpdate).isTrue();
        assertThat(againUpdate).isTrue();
        assertThat(approvals.decisions("payout-2")).singleElement().satisfies(stored -> {
            assertThat(stored.decidedBy()).isEqualTo("fiona");
            assertThat(stored.verdict()).isEqualTo(Verdict.APPROVE);
            assertThat(stored.revision()).isZero();
        });
        ApprovalRequest request = approvals.find("payout-2").orElseThrow();
        assertThat(request.revision()).isEqualTo(1);
        assertThat(request.approvalsGiven()).isEqualTo(1);
        assertThat(request.status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void a_request_either_of_two_roles_may_decide_waits_in_both_inboxes_and_no_other() {
        String subject = "merchant-change-" + T0.toEpochMilli();
        approvals.open(request(subject, ApproverRoles.anyOf("ADMIN", "FINANCE"), T0));

        assertThat(approvals.inbox("FINANCE", 0, 1000))
                .extracting(ApprovalRequest::subjectId)
                .contains(subject);
        assertThat(approvals.inbox("ADMIN", 0, 1000))
                .extracting(ApprovalRequest::subjectId)
                .contains(subject);
        assertThat(approvals.inbox(List.of("MARKETING", "SUPPORT"), 0, 1000))
                .extracting(ApprovalRequest::subjectId)
                .doesNotContain(subject);
        assertThat(approvals.inbox(List.of(), 0, 1000)).isEmpty();
        assertThat(ApproverRoles.anyHeld(approvals.find(subject).orElseThrow().approverRole(), List.of("FINANCE")))
                .isTrue();
        assertThat(ApproverRoles.describe("ADMIN,FINANCE")).isEqualTo("ADMIN or FINANCE");
    }

    @Test
    void the_same_person_on_a_later_revision_is_another_decision() {
        approvals.open(request("payout-3", "FINANCE", T0));

        approvals.recordDecision(new NewApprovalDecision("payout-3", "fiona", Verdict.APPROVE, null, 0, T0));
        approvals.recordDecision(new NewApprovalDecision("payout-3", "fiona", Verdict.REJECT, "wrong iban", 1, T0));

        assertThat(approvals.decisions("payout-3"))
                .extracting(Decision::verdict)
                .containsExactly(Verdict.APPROVE, Verdict.REJECT);
    }

    @Test
    void a_decided_request_keeps_its_status_against_a_late_other_write() {
        approvals.open(request("payout-4", "FINANCE", T0));
        approvals.update("payout-4", 1, 0, ApprovalStatus.REJECTED, T0.plusSeconds(10));

        assertThat(approvals.update("payout-4", 1, 1, ApprovalStatus.APPROVED, T0.plusSeconds(20)))
                .isFalse();
        assertThat(approvals.close("payout-4", ApprovalStatus.EXPIRED, T0.plusSeconds(30)))
                .isFalse();

        ApprovalRequest request = approvals.find("payout-4").orElseThrow();
        assertThat(request.status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(request.decidedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void closing_a_pending_request_twice_ends_it_once() {
        approvals.open(request("payout-5", "FINANCE", T0));

        assertThat(approvals.close("payout-5", ApprovalStatus.EXPIRED, T0.plusSeconds(10)))
                .isTrue();
        assertThat(approvals.close("payout-5", ApprovalStatus.EXPIRED, T0.plusSeconds(20)))
                .isTrue();

        assertThat(approvals.find("payout-5").orElseThrow().decidedAt()).isEqualTo(T0.plusSeconds(10));
        assertThatThrownBy(() -> approvals.close("payout-5", ApprovalStatus.APPROVED, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_reminder_is_marked_once_and_only_while_pending() {
        approvals.open(request("payout-6", "FINANCE", T0));
        approvals.open(request("payout-7", "FINANCE", T0));
        approvals.close("payout-7", ApprovalStatus.CANCELLED, T0);

        assertThat(approvals.markReminded("payout-6", T0.plusSeconds(1))).isTrue();
        assertThat(approvals.markReminded("payout-6", T0.plusSeconds(2))).isFalse();
        assertThat(approvals.markReminded("payout-7", T0.plusSeconds(1))).isFalse();
        assertThat(approvals.find("payout-6").orElseThrow().remindedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void the_inbox_lists_the_pending_requests_of_a_role_oldest_first_in_pages() {
        approvals.open(request("payout-b", "FINANCE", T0.plusSeconds(20)));
        approvals.open(request("payout-a", "FINANCE", T0.plusSeconds(10)));
        approvals.open(request("payout-c", "FINANCE", T0.plusSeconds(30)));
        approvals.open(request("payout-d", "FINANCE", T0));
        approvals.open(request("campaign-x", "MARKETING", T0));
        approvals.close("payout-d", ApprovalStatus.EXPIRED, T0.plusSeconds(40));

        assertThat(approvals.inbox("FINANCE", 0, 10))
                .extracting(ApprovalRequest::subjectId)
                .containsExactly("payout-a", "payout-b", "payout-c");
        assertThat(approvals.inbox("FINANCE", 1, 1))
                .extracting(ApprovalRequest::subjectId)
                .containsExactly("payout-b");
        assertThat(approvals.countInbox("FINANCE")).isEqualTo(3);
        assertThat(approvals.inbox("MARKETING", 0, 10))
                .extracting(ApprovalRequest::subjectId)
                .containsExactly("campaign-x");
        assertThat(approvals.inbox("ADMIN", 0, 10)).isEmpty();
        assertThat(approvals.inbox(java.util.Set.of("FINANCE", "MARKETING"), 0, 10))
                .extracting(ApprovalRequest::subjectId)
                .containsExactly("campaign-x", "payout-a", "payout-b", "payout-c");
        assertThat(approvals.countInbox(java.util.Set.of("FINANCE", "MARKETING")))
                .isEqualTo(4);
        assertThat(approvals.inbox(java.util.Set.of(), 0, 10)).isEmpty();
    }

    @Test
    void a_request_to_open_without_any_approval_needed_is_refused() {
        assertThatThrownBy(() -> new NewApprovalRequest(
                        "payout-z", RequestKind.PAYOUT, "w", null, 1, "sam", null, "FINANCE", 0, 0, T0, null, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one approval");
    }

    private NewApprovalRequest request(String subjectId, String role, Instant createdAt) {
        return new NewApprovalRequest(
                subjectId,
                RequestKind.PAYOUT,
                "payout-workflow-" + subjectId,
                merchant.id(),
                5_000_000L,
                "sam",
                "to bc1q… (merchant's payout address)",
                role,
                0,
                2,
                createdAt,
                createdAt.plus(Duration.ofHours(4)),
                createdAt.plus(Duration.ofDays(2)));
    }
}
