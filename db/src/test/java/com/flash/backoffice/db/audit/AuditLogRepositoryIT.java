package com.flash.backoffice.db.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLogRepositoryIT {

    private TestDatabase database;
    private DSLContext dsl;
    private AuditLogRepository auditLog;

    @BeforeEach
    void migrate() {
        database = TestDatabase.migrated("audit_log_it");
        dsl = database.dsl();
        auditLog = new AuditLogRepository(dsl);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void appended_events_are_found_newest_first_with_all_their_fields() {
        AuditEntry first = auditLog.append(event("alice", "merchant.create"));
        AuditEntry second = auditLog.append(new AuditEvent(
                "bob",
                List.of("FINANCE", "ADMIN"),
                "workflow.terminate",
                "workflow",
                "payout-42",
                "{\"status\":\"RUNNING\"}",
                null,
                "stuck for two days"));

        assertThat(auditLog.find(AuditQuery.all(0, 10))).containsExactly(second, first);
        assertThat(auditLog.count(AuditQuery.all(0, 10))).isEqualTo(2);
    }

    @Test
    void queries_filter_by_actor_action_and_time() {
        Instant before = Instant.now().minusSeconds(1);
        auditLog.append(event("alice", "merchant.create"));
        auditLog.append(event("alice", "merchant.update"));
        auditLog.append(event("bob", "merchant.create"));
        Instant after = Instant.now().plusSeconds(1);

        assertThat(auditLog.find(new AuditQuery("alice", null, null, null, 0, 10)))
                .hasSize(2);
        assertThat(auditLog.count(new AuditQuery(null, "merchant.create", null, null, 0, 10)))
                .isEqualTo(2);
        assertThat(auditLog.count(new AuditQuery("alice", "merchant.create", before, after, 0, 10)))
                .isEqualTo(1);
        assertThat(auditLog.count(new AuditQuery(null, null, after, null, 0, 10)))
                .isZero();
        assertThat(auditLog.find(new AuditQuery(null, null, null, null, 1, 1))).hasSize(1);
    }

    @Test
    void the_database_refuses_to_change_or_delete_the_audit_log() {
        AuditEntry entry = auditLog.append(event("alice", "merchant.create"));

        assertThatThrownBy(() -> dsl.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = ?", entry.id()))
                .hasMessageContaining("audit log entry " + entry.id() + " is append-only and cannot be updated");
        assertThatThrownBy(() -> dsl.execute("DELETE FROM audit_log WHERE id = ?", entry.id()))
                .hasMessageContaining("audit log entry " + entry.id() + " is append-only and cannot be deleted");
        assertThat(auditLog.find(AuditQuery.all(0, 10))).containsExactly(entry);
    }

    private static AuditEvent event(String actor, String action) {
        return new AuditEvent(actor, List.of("ADMIN"), action, "merchant", "m1", null, "{}", null);
    }
}
