package com.flash.backoffice.portal.workflow.ui;

import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.portal.workflow.BusinessPages;
import com.flash.backoffice.portal.workflow.WorkflowFilter;
import com.flash.backoffice.portal.workflow.WorkflowMonitorService;
import com.flash.backoffice.portal.workflow.WorkflowPage;
import com.flash.backoffice.portal.workflow.WorkflowSummary;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

@Route("workflows")
@PageTitle("Workflows · Flash")
@Menu(order = 8, icon = "vaadin:sitemap", title = "Workflows")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.MARKETING, StaffRoles.SUPPORT, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class WorkflowsView extends VerticalLayout {

    static final List<String> STATUSES =
            List.of("Running", "Completed", "Failed", "Canceled", "Terminated", "ContinuedAsNew", "TimedOut");

    private final WorkflowMonitorService workflows;
    final TextField type = new TextField();
    final ComboBox<String> status = new ComboBox<>();
    final TextField businessId = new TextField();
    final Grid<WorkflowSummary> grid = new Grid<>();
    final Span visibilityNote = new Span();

    WorkflowsView(WorkflowMonitorService workflows) {
        this.workflows = workflows;
        setSizeFull();
        type.setPlaceholder("Type, e.g. InvoiceWorkflow");
        type.setId("workflow-type-filter");
        status.setPlaceholder("Status");
        status.setItems(STATUSES);
        status.setClearButtonVisible(true);
        status.setId("workflow-status-filter");
        businessId.setPlaceholder("Business id starts with");
        businessId.setId("workflow-id-filter");
        for (TextField field : List.of(type, businessId)) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.addValueChangeListener(change -> refresh());
        }
        status.addValueChangeListener(change -> refresh());
        Button reload = new Button("Refresh", click -> refresh());
        reload.setId("workflow-refresh");

        grid.setId("workflow-grid");
        grid.addColumn(WorkflowSummary::workflowId).setHeader("Business id").setAutoWidth(true);
        grid.addColumn(WorkflowSummary::type).setHeader("Type").setAutoWidth(true);
        grid.addColumn(WorkflowSummary::status).setHeader("Status");
        grid.addColumn(WorkflowSummary::startedAt).setHeader("Started (UTC)").setAutoWidth(true);
        grid.addColumn(summary ->
                        summary.closedAt() == null ? "" : summary.closedAt().toString())
                .setHeader("Closed (UTC)")
                .setAutoWidth(true);
        grid.addColumn(WorkflowSummary::historyLength).setHeader("Events");
        grid.addComponentColumn(summary -> BusinessPages.route(summary.workflowId())
                        .<com.vaadin.flow.component.Component>map(route -> new Anchor(route, "Open"))
                        .orElseGet(Span::new))
                .setKey("business-page")
                .setHeader("Business page");
        grid.addItemClickListener(click -> getUI().ifPresent(ui -> ui.navigate(
                WorkflowDetailView.class,
                new com.vaadin.flow.router.RouteParameters("id", click.getItem().workflowId()))));
        visibilityNote.setId("visibility-note");
        visibilityNote.addClassNames("text-s", "text-secondary");

        HorizontalLayout filters = new HorizontalLayout(type, status, businessId, reload);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H2("Workflows"), filters, visibilityNote, grid);
        refresh();
    }

    void refresh() {
        WorkflowPage page =
                workflows.list(new WorkflowFilter(type.getValue(), status.getValue(), businessId.getValue()));
        grid.setItems(page.rows());
        visibilityNote.setText(page.visibility().explanation()
                + (page.truncated() ? " Showing the newest " + page.rows().size() + ": narrow the filter." : ""));
    }
}
