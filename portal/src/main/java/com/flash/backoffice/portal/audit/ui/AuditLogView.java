package com.flash.backoffice.portal.audit.ui;

import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

@Route("audit")
@PageTitle("Audit log · Flash")
@Menu(order = 9, icon = "vaadin:archive", title = "Audit log")
@RolesAllowed({StaffRoles.ADMIN, StaffRoles.ACCOUNTANT})
class AuditLogView extends VerticalLayout {

    private final TextField actor = new TextField();
    private final TextField action = new TextField();

    AuditLogView(AuditService audit) {
        setSizeFull();
        actor.setPlaceholder("Staff member");
        action.setPlaceholder("Action, e.g. merchant.update");
        Grid<AuditEntry> grid = new Grid<>();
        grid.setId("audit-grid");
        grid.addColumn(AuditEntry::occurredAt).setHeader("When (UTC)").setAutoWidth(true);
        grid.addColumn(AuditEntry::actor).setHeader("Who");
        grid.addColumn(entry -> String.join(", ", entry.actorRoles())).setHeader("Roles");
        grid.addColumn(AuditEntry::action).setHeader("Action");
        grid.addColumn(entry -> entry.targetType() + " " + entry.targetId()).setHeader("Target");
        grid.addColumn(entry -> entry.reason() == null ? "" : entry.reason()).setHeader("Reason");
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(entry -> {
            var details = new VerticalLayout();
            details.add(new com.vaadin.flow.component.html.Pre("before: " + entry.beforeJson()));
            details.add(new com.vaadin.flow.component.html.Pre("after:  " + entry.afterJson()));
            return details;
        }));
        grid.setItems(
                query -> audit.find(query(query.getOffset(), query.getLimit())).stream(),
                query -> audit.count(query(0, 0)));
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        action.setValueChangeMode(ValueChangeMode.LAZY);
        actor.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
        action.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
        add(new H2("Audit log"), new HorizontalLayout(actor, action), grid);
    }

    private AuditQuery query(int offset, int limit) {
        return new AuditQuery(blankToNull(actor.getValue()), blankToNull(action.getValue()), null, null, offset, limit);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
