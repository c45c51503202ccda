package com.flash.backoffice.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.db.approval.ApprovalStatus;
import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inbox activities on MariaDB, each called again as a retry would: nothing is written twice. */
class ApprovalActivitiesIT {

    private static final Instant OPENED = Instant.parse("2026-12-04T08:00:00Z");

    private static TestDatabase database;
    private static ApprovalRepository approvals;
    private static AuditLogRepository auditLog;
    private static ApprovalActivitiesImpl activities;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("approval_activities_it");
        approvals = new ApprovalRepository(database.dsl());
        auditLog = new AuditLogRepository(database.dsl());
        activities = new ApprovalActivitiesImpl(database.dsl(), new RecordingReminders());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_retried_recording_writes_one_decision_row_and_one_audit_entry() {
        ApprovalSubject subject = open("payout-retry-1", "x".repeat(600));
        ApprovalDecision decision =
                new ApprovalDecision("fiona", Set.of("FINANCE", "ADMIN"), ApprovalVerdict.APPROVE, null, 0);
        ApprovalRecording recording = new ApprovalRecording(
                subject,
                decision,
                new RecordedDecision("fiona", ApprovalVerdict.APPROVE, null, 0, OPENED.plusSeconds(60)),
                1,
                1,
                1,
                ApprovalOutcome.APPROVED);

        activities.record(recording);
        activities.record(recording);

        assertThat(approvals.decisions("payout-retry-1")).hasSize(1);
        assertThat(approvals.find("payout-retry-1").orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approvals.find("payout-retry-1").orElseThrow().summary()).hasSize(500);
        assertThat(audits("payout-retry-1")).singleElement().satisfies(entry -> {
            assertThat(entry.actorRoles()).containsExactly("ADMIN", "FINANCE");
            assertThat(entry.action()).isEqualTo("approval.approve");
        });
    }

    @Test
    void expiring_twice_audits_once_and_a_decided_request_does_not_expire() {
        open("payout-retry-2", "s");
        open("payout-retry-3", "s");
        approvals.update("payout-retry-3", 1, 1, ApprovalStatus.APPROVED, OPENED.plusSeconds(1));
        ApprovalClosing expiry = new ApprovalClosing(
                subject("payout-retry-2", "s"), ApprovalOutcome.EXPIRED, "system:approval-deadline", null, OPENED);

        activities.close(expiry);
        activities.close(expiry);
        activities.close(new ApprovalClosing(
                subject("payout-retry-3", "s"), ApprovalOutcome.EXPIRED, "system:approval-deadline", null, OPENED));

        assertThat(audits("payout-retry-2")).hasSize(1);
        assertThat(approvals.find("payout-retry-2").orElseThrow().status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(audits("payout-retry-3")).isEmpty();
        assertThat(approvals.find("payout-retry-3").orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    private static ApprovalSubject open(String id, String summary) {
        ApprovalSubject subject = subject(id, summary);
        ApprovalOpening opening = new ApprovalOpening(
                subject, "FINANCE", 0, 1, OPENED, OPENED.plus(Duration.ofHours(4)), OPENED.plus(Duration.ofDays(2)));
        activities.open(opening);
        activities.open(opening);
        return subject;
    }

    private static ApprovalSubject subject(String id, String summary) {
        return new ApprovalSubject(ApprovalKind.PAYOUT, id, id, null, 5_000_000L, "sam", summary);
    }

    private static List<AuditEntry> audits(String subjectId) {
        return auditLog.find(AuditQuery.all(0, 1000)).stream()
                .filter(entry -> subjectId.equals(entry.targetId()))
                .toList();
    }
}
