package com.flash.backoffice.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule of the approvals, on its own. */
class ApprovalRulesTest {

    static final ApprovalPolicy POLICY =
            new ApprovalPolicy("FINANCE", 1_000_000L, 100_000_000L, Duration.ofHours(4), Duration.ofDays(2));
    static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

    private static ApprovalSubject subject(long amountMsat) {
        return new ApprovalSubject(ApprovalKind.PAYOUT, "payout-1", "payout-1", "m1", amountMsat, "sam", "to bc1q...");
    }

    private static ApprovalRequestState state(List<RecordedDecision> decisions, long revision, boolean open) {
        return new ApprovalRequestState(subject(5_000_000L), POLICY, decisions, revision, open);
    }

    private static ApprovalDecision approve(String who, Set<String> roles, long revision) {
        return new ApprovalDecision(who, roles, ApprovalVerdict.APPROVE, null, revision);
    }

    private static ApprovalDecision reject(String who, String reason) {
        return new ApprovalDecision(who, Set.of("FINANCE"), ApprovalVerdict.REJECT, reason, 0);
    }

    @Test
    void a_finance_approver_who_did_not_request_it_may_approve_the_current_revision() {
        assertThat(ApprovalRules.refusal(state(List.of(), 0, true), approve("fiona", Set.of("FINANCE"), 0)))
                .isEmpty();
    }

    @Test
    void someone_without_the_approver_role_is_refused() {
        assertThat(ApprovalRules.refusal(state(List.of(), 0, true), approve("sue", Set.of("SUPPORT"), 0)))
                .hasValue("Only FINANCE can decide this request (ADMIN is no substitute).");
    }

    @Test
    void admin_is_no_substitute_for_the_approver_role() {
        assertThat(ApprovalRules.refusal(state(List.of(), 0, true), approve("ada", Set.of("ADMIN"), 0)))
                .hasValueSatisfying(message -> assertThat(message).contains("Only FINANCE", "ADMIN is no substitute"));
    }

    @Test
    void the_requester_cannot_decide_their_own_request_whatever_the_case_of_their_name() {
        assertThat(ApprovalRules.refusal(state(List.of(), 0, true), approve(" Sam ", Set.of("FINANCE"), 0)))
                .hasValue("You requested this, so someone else must decide it.");
    }

    @Test
    void a_person_who_approved_already_cannot_approve_again() {
        RecordedDecision first = new RecordedDecision("fiona", ApprovalVerdict.APPROVE, null, 0, AT);

        assertThat(ApprovalRules.refusal(state(List.of(first), 1, true), approve("Fiona", Set.of("FINANCE"), 1)))
                .hasValueSatisfying(message -> assertThat(message).contains("already approved"));
    }

    @Test
    void a_decision_on_an_older_revision_is_stale() {
        assertThat(ApprovalRules.refusal(state(List.of(), 3, true), approve("fiona", Set.of("FINANCE"), 2)))
                .hasValueSatisfying(message ->
                        assertThat(message).startsWith("Stale revision").contains("revision 2", "revision 3"));
    }

    @Test
    void a_rejection_needs_a_reason() {
        assertThat(ApprovalRules.refusal(state(List.of(), 0, true), reject("fiona", null)))
                .hasValue("A rejection needs a reason.");
        assertThat(ApprovalRules.refusal(state(List.of(), 0, true), reject("fiona", "   ")))
                .hasValue("A rejection needs a reason.");
        assertThat(ApprovalRules.refusal(state(List.of(), 0, true), reject("fiona", "wrong address")))
                .isEmpty();
    }

    @Test
    void a_reason_longer_than_the_limit_is_refused() {
        String tooLong = "x".repeat(ApprovalRules.MAX_REASON_LENGTH + 1);

        assertThat(ApprovalRules.refusal(state(List.of(), 0, true), reject("fiona", tooLong)))
                .hasValueSatisfying(message -> assertThat(message).contains("at most 1000 characters"));
    }

    @Test
    void a_request_no_longer_awaiting_a_decision_refuses_every_decision() {
        assertThat(ApprovalRules.refusal(state(List.of(), 0, false), approve("fiona", Set.of("FINANCE"), 0)))
                .hasValueSatisfying(message -> assertThat(message).contains("not awaiting a decision"));
    }

    @Test
    void a_decision_naming_nobody_is_refused() {
        assertThat(ApprovalRules.refusal(state(List.of(), 0, true), approve("  ", Set.of("FINANCE"), 0)))
                .hasValue("A decision must name who decides.");
    }

    @Test
    void a_name_longer_than_the_column_is_refused_before_anything_is_written() {
        String longName = "f".repeat(ApprovalRules.MAX_NAME_LENGTH + 1);

        assertThat(ApprovalRules.refusal(state(List.of(), 0, true), approve(longName, Set.of("FINANCE"), 0)))
                .hasValue("A decider's name takes at most 190 characters.");
    }

    @Test
    void below_the_auto_approve_limit_nobody_needs_to_decide() {
        assertThat(ApprovalRules.approvalsNeeded(POLICY, 999_999L)).isZero();
        assertThat(ApprovalRules.approvalsNeeded(POLICY, 0)).isZero();
    }

    @Test
    void from_the_auto_approve_limit_up_to_the_high_limit_one_approver_is_needed() {
        assertThat(ApprovalRules.approvalsNeeded(POLICY, 1_000_000L)).isEqualTo(1);
        assertThat(ApprovalRules.approvalsNeeded(POLICY, 100_000_000L)).isEqualTo(1);
    }

    @Test
    void above_the_high_limit_two_approvers_are_needed() {
        assertThat(ApprovalRules.approvalsNeeded(POLICY, 100_000_001L)).isEqualTo(2);
    }

    @Test
    void with_no_auto_approve_limit_every_amount_needs_a_decision() {
        ApprovalPolicy everything = new ApprovalPolicy("FINANCE", 0, 100, Duration.ofHours(1), Duration.ofDays(1));

        assertThat(ApprovalRules.approvalsNeeded(everything, 0)).isEqualTo(1);
    }

    @Test
    void one_rejection_rejects_whatever_approvals_came_before() {
        List<RecordedDecision> decisions = List.of(
                new RecordedDecision("fiona", ApprovalVerdict.APPROVE, null, 0, AT),
                new RecordedDecision("fred", ApprovalVerdict.REJECT, "no", 1, AT));

        assertThat(ApprovalRules.outcome(2, decisions)).isEqualTo(ApprovalOutcome.REJECTED);
    }

    @Test
    void enough_distinct_approvers_approve_and_fewer_leave_it_open() {
        RecordedDecision fiona = new RecordedDecision("fiona", ApprovalVerdict.APPROVE, null, 0, AT);
        RecordedDecision fred = new RecordedDecision("fred", ApprovalVerdict.APPROVE, null, 1, AT);

        assertThat(ApprovalRules.outcome(2, List.of(fiona))).isNull();
        assertThat(ApprovalRules.outcome(2, List.of(fiona, fred))).isEqualTo(ApprovalOutcome.APPROVED);
        assertThat(ApprovalRules.outcome(1, List.of(fiona))).isEqualTo(ApprovalOutcome.APPROVED);
        assertThat(ApprovalRules.approvalsGiven(List.of(fiona, fred))).isEqualTo(2);
    }
}
