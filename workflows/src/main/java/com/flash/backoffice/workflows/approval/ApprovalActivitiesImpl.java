package com.flash.backoffice.workflows.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.db.approval.ApprovalStatus;
import com.flash.backoffice.db.approval.NewApprovalDecision;
import com.flash.backoffice.db.approval.NewApprovalRequest;
import com.flash.backoffice.db.approval.RequestKind;
import com.flash.backoffice.db.approval.Verdict;
import com.flash.backoffice.db.audit.AuditEvent;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.support.UtcTimestamps;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Keeps the inbox rows of the requests the workflows decide. A decision's row, the request's new state and the audit
 * entry commit together; the audit entry's once-key makes a retried activity append nothing twice.
 */
@Component
public class ApprovalActivitiesImpl implements ApprovalActivities {

    static final String AUDIT_TARGET = "approval-request";
    static final int MAX_SUMMARY = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DSLContext ctx;
    private final ApprovalReminders reminders;

    public ApprovalActivitiesImpl(DSLContext ctx, ApprovalReminders reminders) {
        this.ctx = ctx;
        this.reminders = reminders;
    }

    @Override
    public void open(ApprovalOpening opening) {
        ApprovalSubject subject = opening.subject();
        new ApprovalRepository(ctx)
                .open(new NewApprovalRequest(
                        subject.subjectId(),
                        RequestKind.valueOf(subject.kind().name()),
                        subject.workflowId(),
                        subject.merchantId(),
                        subject.amountMsat(),
                        subject.requestedBy(),
                        summary(subject.summary()),
                        opening.approverRole(),
                        opening.revision(),
                        opening.approvalsNeeded(),
                        opening.openedAt(),
                        opening.remindAt(),
                        opening.deadlineAt()));
    }

    @Override
    public void record(ApprovalRecording recording) {
        RecordedDecision recorded = recording.recorded();
        String subjectId = recording.subject().subjectId();
        ApprovalStatus status = recording.outcome() == null
                ? ApprovalStatus.PENDING
                : ApprovalStatus.valueOf(recording.outcome().name());
        ctx.transaction(tx -> {
            ApprovalRepository approvals = new ApprovalRepository(tx.dsl());
            approvals.recordDecision(new NewApprovalDecision(
                    subjectId,
                    recorded.decidedBy(),
                    Verdict.valueOf(recorded.verdict().name()),
                    recorded.reason(),
                    recorded.revision(),
                    recorded.decidedAt()));
            if (!approvals.update(
                    subjectId, recording.revisionAfter(), recording.approvalsGiven(), status, recorded.decidedAt())) {
                throw ApplicationFailure.newNonRetryableFailure(
                        "approval request " + subjectId + " is not pending in the inbox", ApprovalProcess.REFUSED);
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("status", status.name());
            after.put("revision", recording.revisionAfter());
            after.put("approvalsGiven", recording.approvalsGiven());
            after.put("approvalsNeeded", recording.approvalsNeeded());
            new AuditLogRepository(tx.dsl())
                    .appendOnce(
                            new AuditEvent(
                                    recorded.decidedBy(),
                                    auditRoles(recording.decision()),
                                    "approval." + recorded.verdict().name().toLowerCase(java.util.Locale.ROOT),
                                    AUDIT_TARGET,
                                    subjectId,
                                    null,
                                    json(after),
                                    recorded.reason()),
                            "approval:" + subjectId + ":" + recorded.decidedBy() + ":" + recorded.revision());
        });
    }

    @Override
    public void remind(ApprovalReminder reminder) {
        ctx.transaction(tx -> {
            // marked in the transaction that mails: a refused mail rolls the mark back and is retried
            if (new ApprovalRepository(tx.dsl()).markReminded(reminder.subject().subjectId(), UtcTimestamps.now())) {
                reminders.send(reminder);
            }
        });
    }

    @Override
    public void close(ApprovalClosing closing) {
        String subjectId = closing.subject().subjectId();
        ApprovalStatus status = ApprovalStatus.valueOf(closing.outcome().name());
        ctx.transaction(tx -> {
            if (!new ApprovalRepository(tx.dsl()).close(subjectId, status, closing.at())) {
                return; // decided before it could expire or be withdrawn: nothing to close
            }
            new AuditLogRepository(tx.dsl())
                    .appendOnce(
                            new AuditEvent(
                                    closing.by(),
                                    List.of(),
                                    "approval." + closing.outcome().name().toLowerCase(java.util.Locale.ROOT),
                                    AUDIT_TARGET,
                                    subjectId,
                                    null,
                                    json(Map.of("status", status.name())),
                                    closing.reason()),
                            "approval:" + subjectId + ":" + status.name());
        });
    }

    /** The inbox shows one line; a longer summary is cut rather than refused (the request is valid). */
    private static String summary(String summary) {
        return summary == null || summary.length() <= MAX_SUMMARY
                ? summary
                : summary.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private static List<String> auditRoles(ApprovalDecision decision) {
        return decision.roles().stream()
                .filter(role -> !role.contains(","))
                .sorted()
                .toList();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the audit snapshot", e);
        }
    }
}
