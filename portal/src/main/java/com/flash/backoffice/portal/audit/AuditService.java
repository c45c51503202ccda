package com.flash.backoffice.portal.audit;

import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditEvent;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.StaffRoles;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff audit trail: who did what, when, to which record, with the state before and after. Writes join
 * the caller's transaction, so an action and its audit entry commit or roll back together.
 */
@Service
public class AuditService {

    private final AuditLogRepository repository;
    private final CurrentUser currentUser;
    private final JsonMapper json;

    AuditService(AuditLogRepository repository, CurrentUser currentUser, JsonMapper json) {
        this.repository = repository;
        this.currentUser = currentUser;
        this.json = json;
    }

    /** Staff, or an API key acting through the Greenfield API (actor {@code apikey:<id>}, no roles). */
    @PreAuthorize(StaffRoles.ANY_STAFF + " or hasAuthority('API_KEY')")
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String action, String targetType, String targetId, Object before, Object after, String reason) {
        CurrentUser.Staff staff = currentUser.require();
        repository.append(new AuditEvent(
                staff.username(),
                staff.roles().stream().map(Enum::name).sorted().toList(),
                action,
                targetType,
                targetId,
                before == null ? null : json.writeValueAsString(before),
                after == null ? null : json.writeValueAsString(after),
                reason));
    }

    /**
     * As {@link #record}, for an action that may be reported twice (by a request and its retry): only the first call
     * with {@code onceKey} appends an entry. True when this call appended it.
     */
    @PreAuthorize(StaffRoles.ANY_STAFF + " or hasAuthority('API_KEY')")
    @Transactional(propagation = Propagation.REQUIRED)
    public boolean recordOnce(
            String onceKey,
            String action,
            String targetType,
            String targetId,
            Object before,
            Object after,
            String reason) {
        CurrentUser.Staff staff = currentUser.require();
        return repository.appendOnce(
                new AuditEvent(
                        staff.username(),
                        staff.roles().stream().map(Enum::name).sorted().toList(),
                        action,
                        targetType,
                        targetId,
                        before == null ? null : json.writeValueAsString(before),
                        after == null ? null : json.writeValueAsString(after),
                        reason),
                onceKey);
    }

    @PreAuthorize("hasAnyRole('" + StaffRoles.ADMIN + "', '" + StaffRoles.ACCOUNTANT + "')")
    public List<AuditEntry> find(AuditQuery query) {
        return repository.find(query);
    }

    @PreAuthorize("hasAnyRole('" + StaffRoles.ADMIN + "', '" + StaffRoles.ACCOUNTANT + "')")
    public int count(AuditQuery query) {
        return repository.count(query);
    }
}
