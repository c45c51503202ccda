package com.flash.backoffice.db.approval;

import static com.flash.backoffice.db.jooq.Tables.APPROVAL_DECISION;
import static com.flash.backoffice.db.jooq.Tables.APPROVAL_REQUEST;

import com.flash.backoffice.db.jooq.enums.ApprovalDecisionVerdict;
import com.flash.backoffice.db.jooq.enums.ApprovalRequestKind;
import com.flash.backoffice.db.jooq.enums.ApprovalRequestStatus;
import com.flash.backoffice.db.jooq.tables.records.ApprovalDecisionRecord;
import com.flash.backoffice.db.jooq.tables.records.ApprovalRequestRecord;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The approvals inbox. The requesting workflows' activities write it, each write idempotent (a retried activity
 * writes nothing twice): opening by subject id, decisions by (subject, person, revision), and updates set absolute
 * values. The workflow decides; these rows only show what it decided.
 */
@Repository
public class ApprovalRepository {

    private final DSLContext ctx;

    public ApprovalRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Opens the request unless its subject id exists; true when this call opened it. */
    public boolean open(NewApprovalRequest request) {
        return ctx.insertInto(APPROVAL_REQUEST)
                        .set(APPROVAL_REQUEST.SUBJECT_ID, request.subjectId())
                        .set(
                                APPROVAL_REQUEST.KIND,
                                ApprovalRequestKind.valueOf(request.kind().name()))
                        .set(APPROVAL_REQUEST.WORKFLOW_ID, request.workflowId())
                        .set(APPROVAL_REQUEST.MERCHANT_ID, request.merchantId())
                        .set(APPROVAL_REQUEST.AMOUNT_MSAT, request.amountMsat())
                        .set(APPROVAL_REQUEST.REQUESTED_BY, request.requestedBy())
                        .set(APPROVAL_REQUEST.SUMMARY, request.summary())
                        .set(APPROVAL_REQUEST.APPROVER_ROLE, request.approverRole())
                        .set(APPROVAL_REQUEST.STATUS, ApprovalRequestStatus.PENDING)
                        .set(APPROVAL_REQUEST.REVISION, request.revision())
                        .set(APPROVAL_REQUEST.APPROVALS_NEEDED, request.approvalsNeeded())
                        .set(APPROVAL_REQUEST.APPROVALS_GIVEN, 0)
                        .set(APPROVAL_REQUEST.CREATED_AT, UtcTimestamps.toDb(request.createdAt()))
                        .set(APPROVAL_REQUEST.REMIND_AT, UtcTimestamps.toDb(request.remindAt()))
                        .set(APPROVAL_REQUEST.DEADLINE_AT, UtcTimestamps.toDb(request.deadlineAt()))
                        .onDuplicateKeyIgnore()
                        .execute()
                == 1;
    }

    public Optional<ApprovalRequest> find(String subjectId) {
        return ctx.selectFrom(APPROVAL_REQUEST)
                .where(APPROVAL_REQUEST.SUBJECT_ID.eq(subjectId))
                .fetchOptional(ApprovalRepository::toRequest);
    }

    /** What waits for {@code approverRole}: pending requests, oldest first. */
    public List<ApprovalRequest> inbox(String approverRole, int offset, int limit) {
        return inbox(Set.of(approverRole), offset, limit);
    }

    /** What waits for any of {@code approverRoles}: pending requests, oldest first. */
    public List<ApprovalRequest> inbox(Collection<String> approverRoles, int offset, int limit) {
        return ctx.selectFrom(APPROVAL_REQUEST)
                .where(pendingFor(approverRoles))
                .orderBy(APPROVAL_REQUEST.CREATED_AT, APPROVAL_REQUEST.SUBJECT_ID)
                .limit(limit)
                .offset(offset)
                .fetch(ApprovalRepository::toRequest);
    }

    public int countInbox(String approverRole) {
        return countInbox(Set.of(approverRole));
    }

    public int countInbox(Collection<String> approverRoles) {
        return ctx.fetchCount(APPROVAL_REQUEST, pendingFor(approverRoles));
    }

    /** Stores the decision unless the same person's decision on that revision is stored; true when this call did. */
    public boolean recordDecision(NewApprovalDecision decision) {
        return ctx.insertInto(APPROVAL_DECISION)
                        .set(APPROVAL_DECISION.SUBJECT_ID, decision.subjectId())
                        .set(APPROVAL_DECISION.DECIDED_BY, decision.decidedBy())
                        .set(
                                APPROVAL_DECISION.VERDICT,
                                ApprovalDecisionVerdict.valueOf(
                                        decision.verdict().name()))
                        .set(APPROVAL_DECISION.REASON, decision.reason())
                        .set(APPROVAL_DECISION.REVISION, decision.revision())
                        .set(APPROVAL_DECISION.DECIDED_AT, UtcTimestamps.toDb(decision.decidedAt()))
                        .onDuplicateKeyIgnore()
                        .execute()
                == 1;
    }

    /** Oldest first. */
    public List<Decision> decisions(String subjectId) {
        return ctx.selectFrom(APPROVAL_DECISION)
                .where(APPROVAL_DECISION.SUBJECT_ID.eq(subjectId))
                .orderBy(APPROVAL_DECISION.DECIDED_AT, APPROVAL_DECISION.ID)
                .fetch(ApprovalRepository::toDecision);
    }

    /**
     * Sets what a decision made of the request: its revision, the approvals given and the status ({@code decidedAt}
     * for a final status). Only a pending request, or one already at that status (the same write retried), changes;
     * false when the request is missing or ended otherwise.
     */
    public boolean update(String subjectId, long revision, int approvalsGiven, ApprovalStatus status, Instant at) {
        ApprovalRequestStatus stored = ApprovalRequestStatus.valueOf(status.name());
        return ctx.update(APPROVAL_REQUEST)
                        .set(APPROVAL_REQUEST.REVISION, revision)
                        .set(APPROVAL_REQUEST.APPROVALS_GIVEN, approvalsGiven)
                        .set(APPROVAL_REQUEST.STATUS, stored)
                        .set(
                                APPROVAL_REQUEST.DECIDED_AT,
                                status == ApprovalStatus.PENDING ? null : UtcTimestamps.toDb(at))
                        .where(APPROVAL_REQUEST.SUBJECT_ID.eq(subjectId))
                        .and(APPROVAL_REQUEST.STATUS.in(ApprovalRequestStatus.PENDING, stored))
                        .execute()
                == 1;
    }

    /**
     * Ends a pending request undecided ({@code EXPIRED} or {@code CANCELLED}); true when it is ended so (by this
     * call or the same call before).
     */
    public boolean close(String subjectId, ApprovalStatus status, Instant at) {
        if (status != ApprovalStatus.EXPIRED && status != ApprovalStatus.CANCELLED) {
            throw new IllegalArgumentException("close ends a request undecided, not as " + status);
        }
        ApprovalRequestStatus stored = ApprovalRequestStatus.valueOf(status.name());
        ctx.update(APPROVAL_REQUEST)
                .set(APPROVAL_REQUEST.STATUS, stored)
                .set(APPROVAL_REQUEST.DECIDED_AT, UtcTimestamps.toDb(at))
                .where(APPROVAL_REQUEST.SUBJECT_ID.eq(subjectId))
                .and(APPROVAL_REQUEST.STATUS.eq(ApprovalRequestStatus.PENDING))
                .execute();
        return ctx.fetchExists(
                APPROVAL_REQUEST, APPROVAL_REQUEST.SUBJECT_ID.eq(subjectId).and(APPROVAL_REQUEST.STATUS.eq(stored)));
    }

    /** Marks a pending request reminded; true only for the call that marked it (a retry after it sends nothing). */
    public boolean markReminded(String subjectId, Instant at) {
        return ctx.update(APPROVAL_REQUEST)
                        .set(APPROVAL_REQUEST.REMINDED_AT, UtcTimestamps.toDb(at))
                        .where(APPROVAL_REQUEST.SUBJECT_ID.eq(subjectId))
                        .and(APPROVAL_REQUEST.STATUS.eq(ApprovalRequestStatus.PENDING))
                        .and(APPROVAL_REQUEST.REMINDED_AT.isNull())
                        .execute()
                == 1;
    }

    private static Condition pendingFor(Collection<String> approverRoles) {
        return APPROVAL_REQUEST
                .STATUS
                .eq(ApprovalRequestStatus.PENDING)
                .and(
                        approverRoles.isEmpty()
                                ? DSL.falseCondition()
                                : DSL.or(approverRoles.stream()
                                        .map(role -> DSL.condition(
                                                "FIND_IN_SET({0}, {1}) > 0",
                                                DSL.val(role), APPROVAL_REQUEST.APPROVER_ROLE))
                                        .toList()));
    }

    private static ApprovalRequest toRequest(ApprovalRequestRecord row) {
        return new ApprovalRequest(
                row.getSubjectId(),
                RequestKind.valueOf(row.getKind().name()),
                row.getWorkflowId(),
                row.getMerchantId(),
                row.getAmountMsat(),
                row.getRequestedBy(),
                row.getSummary(),
                row.getApproverRole(),
                ApprovalStatus.valueOf(row.getStatus().name()),
                row.getRevision(),
                row.getApprovalsNeeded(),
                row.getApprovalsGiven(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                UtcTimestamps.fromDb(row.getRemindAt()),
                UtcTimestamps.fromDb(row.getDeadlineAt()),
                UtcTimestamps.fromDb(row.getDecidedAt()),
                UtcTimestamps.fromDb(row.getRemindedAt()));
    }

    private static Decision toDecision(ApprovalDecisionRecord row) {
        return new Decision(
                row.getId(),
                row.getSubjectId(),
                row.getDecidedBy(),
                Verdict.valueOf(row.getVerdict().name()),
                row.getReason(),
                row.getRevision(),
                UtcTimestamps.fromDb(row.getDecidedAt()));
    }
}
