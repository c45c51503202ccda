package com.flash.backoffice.db.audit;

import static com.flash.backoffice.db.jooq.Tables.AUDIT_LOG;

import com.flash.backoffice.db.jooq.tables.records.AuditLogRecord;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

/** Append-only: the database refuses UPDATE and DELETE on audit_log (see V004__create_audit_log.sql). */
@Repository
public class AuditLogRepository {

    private static final String ROLE_SEPARATOR = ",";

    private final DSLContext ctx;

    public AuditLogRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Appends the event unless an entry with {@code onceKey} exists (MariaDB's unique key decides, so two requests
     * racing append one entry); true when this call appended it.
     */
    public boolean appendOnce(AuditEvent event, String onceKey) {
        if (ctx.fetchExists(AUDIT_LOG, AUDIT_LOG.ONCE_KEY.eq(onceKey))) {
            return false;
        }
        // not INSERT IGNORE: that would also turn a too-long value into a silently truncated audit entry
        try {
            ctx.insertInto(AUDIT_LOG)
                    .set(AUDIT_LOG.OCCURRED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                    .set(AUDIT_LOG.ACTOR, event.actor())
                    .set(AUDIT_LOG.ACTOR_ROLES, String.join(ROLE_SEPARATOR, event.actorRoles()))
                    .set(AUDIT_LOG.ACTION, event.action())
                    .set(AUDIT_LOG.TARGET_TYPE, event.targetType())
                    .set(AUDIT_LOG.TARGET_ID, event.targetId())
                    .set(AUDIT_LOG.BEFORE_JSON, event.beforeJson())
                    .set(AUDIT_LOG.AFTER_JSON, event.afterJson())
                    .set(AUDIT_LOG.REASON, event.reason())
                    .set(AUDIT_LOG.ONCE_KEY, onceKey)
                    .execute();
            return true;
        } catch (DuplicateKeyException | IntegrityConstraintViolationException racedAndLost) {
            return false; // another request appended the entry between the check and the insert
        }
    }

    public AuditEntry append(AuditEvent event) {
        Instant occurredAt = UtcTimestamps.now();
        Long id = ctx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.OCCURRED_AT, UtcTimestamps.toDb(occurredAt))
                .set(AUDIT_LOG.ACTOR, event.actor())
                .set(AUDIT_LOG.ACTOR_ROLES, String.join(ROLE_SEPARATOR, event.actorRoles()))
                .set(AUDIT_LOG.ACTION, event.action())
                .set(AUDIT_LOG.TARGET_TYPE, event.targetType())
                .set(AUDIT_LOG.TARGET_ID, event.targetId())
                .set(AUDIT_LOG.BEFORE_JSON, event.beforeJson())
                .set(AUDIT_LOG.AFTER_JSON, event.afterJson())
                .set(AUDIT_LOG.REASON, event.reason())
                .returning(AUDIT_LOG.ID)
                .fetchOne(AUDIT_LOG.ID);
        return new AuditEntry(
                id,
                occurredAt,
                event.actor(),
                event.actorRoles(),
                event.action(),
                event.targetType(),
                event.targetId(),
                event.beforeJson(),
                event.afterJson(),
                event.reason());
    }

    /** Newest first. */
    public List<AuditEntry> find(AuditQuery query) {
        return ctx.selectFrom(AUDIT_LOG)
                .where(matching(query))
                .orderBy(AUDIT_LOG.OCCURRED_AT.desc(), AUDIT_LOG.ID.desc())
                .limit(query.limit())
                .offset(query.offset())
                .fetch(AuditLogRepository::toEntry);
    }

    /** How many entries match the query's filters (its offset and limit are ignored). */
    public int count(AuditQuery query) {
        return ctx.fetchCount(AUDIT_LOG, matching(query));
    }

    private static List<Condition> matching(AuditQuery query) {
        List<Condition> conditions = new ArrayList<>();
        if (query.actor() != null) {
            conditions.add(AUDIT_LOG.ACTOR.eq(query.actor()));
        }
        if (query.action() != null) {
            conditions.add(AUDIT_LOG.ACTION.eq(query.action()));
        }
        if (query.from() != null) {
            conditions.add(AUDIT_LOG.OCCURRED_AT.ge(UtcTimestamps.toDb(query.from())));
        }
        if (query.to() != null) {
            conditions.add(AUDIT_LOG.OCCURRED_AT.lt(UtcTimestamps.toDb(query.to())));
        }
        return conditions;
    }

    private static AuditEntry toEntry(AuditLogRecord row) {
        return new AuditEntry(
                row.getId(),
                UtcTimestamps.fromDb(row.getOccurredAt()),
                row.getActor(),
                roles(row.getActorRoles()),
                row.getAction(),
                row.getTargetType(),
                row.getTargetId(),
                row.getBeforeJson(),
                row.getAfterJson(),
                row.getReason());
    }

    private static List<String> roles(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(ROLE_SEPARATOR));
    }
}
