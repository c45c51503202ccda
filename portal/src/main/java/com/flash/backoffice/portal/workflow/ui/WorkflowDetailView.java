package com.flash.backoffice.portal.workflow.ui;

import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.portal.workflow.BusinessPages;
import com.flash.backoffice.portal.workflow.WorkflowActionResult;
import com.flash.backoffice.portal.workflow.WorkflowDetail;
import com.flash.backoffice.portal.workflow.WorkflowMonitorService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.function.BiFunction;

@Route("workflows/:id")
@PageTitle("Workflow · Flash")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.MARKETING, StaffRoles.SUPPORT, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class WorkflowDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final WorkflowMonitorService workflows;
    private final boolean isAdmin;
    private String workflowId;

    WorkflowDetailView(WorkflowMonitorService workflows, CurrentUser currentUser) {
        this.workflows = workflows;
        this.isAdmin = currentUser.get().map(staff -> staff.has(Role.ADMIN)).orElse(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        workflowId = event.getRouteParameters().get("id").orElse("");
        render();
    }

    private void render() {
        removeAll();
        var found = workflows.describe(workflowId);
        if (found.isEmpty()) {
            add(new H2("No workflow " + workflowId));
            return;
        }
        WorkflowDetail detail = found.get();
        var summary = detail.summary();
        Span status = new Span(summary.status());
        status.setId("workflow-status");
        add(
                new H2(summary.workflowId()),
                new Paragraph(summary.type() + " · run " + summary.runId() + " · task queue " + summary.taskQueue()
                        + " · started " + summary.startedAt()
                        + (summary.closedAt() == null ? "" : " · closed " + summary.closedAt())),
                new HorizontalLayout(new Span("Status:"), status));
        BusinessPages.route(summary.workflowId()).ifPresent(route -> {
            Anchor page = new Anchor(route, "Open its business page");
            page.setId("workflow-business-page");
            add(page);
        });
        if (isAdmin && detail.isRunning()) {
            add(new HorizontalLayout(
                    actionButton("Cancel", "cancel-workflow", workflows::cancel),
                    actionButton("Terminate", "terminate-workflow", workflows::terminate)));
        }
        add(new H3("Input"), new Pre(detail.input()));
        add(new H3("Waiting for"));
        detail.waitingFor().forEach(item -> add(new Span(item)));
        if (detail.waitingFor().isEmpty()) {
            add(new Span("Nothing: the workflow has finished."));
        }
        if (!detail.pendingActivities().isEmpty()) {
            Grid<WorkflowDetail.PendingActivity> activities = new Grid<>();
            activities.addColumn(WorkflowDetail.PendingActivity::activityType).setHeader("Activity");
            activities.addColumn(WorkflowDetail.PendingActivity::state).setHeader("State");
            activities.addColumn(WorkflowDetail.PendingActivity::attempt).setHeader("Attempt");
            activities.addColumn(WorkflowDetail.PendingActivity::lastFailure).setHeader("Last failure");
            activities.setItems(detail.pendingActivities());
            activities.setAllRowsVisible(true);
            add(new H3("Pending activities"), activities);
        }
        Grid<WorkflowDetail.TimelineEvent> timeline = new Grid<>();
        timeline.setId("workflow-timeline");
        timeline.addColumn(WorkflowDetail.TimelineEvent::eventId)
                .setHeader("#")
                .setWidth("5em")
                .setFlexGrow(0);
        timeline.addColumn(WorkflowDetail.TimelineEvent::at)
                .setHeader("When (UTC)")
                .setAutoWidth(true);
        timeline.addColumn(WorkflowDetail.TimelineEvent::type)
                .setHeader("Event")
                .setAutoWidth(true);
        timeline.addColumn(WorkflowDetail.TimelineEvent::details).setHeader("Details");
        timeline.setItems(detail.timeline());
        timeline.setAllRowsVisible(true);
        add(new H3("History"), timeline);
    }

    private Button actionButton(String label, String id, BiFunction<String, String, WorkflowActionResult> action) {
        Button button = new Button(label, click -> confirm(label, action));
        button.setId(id);
        button.addThemeVariants(ButtonVariant.ERROR);
        return button;
    }

    private void confirm(String label, BiFunction<String, String, WorkflowActionResult> action) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(label + " " + workflowId);
        TextArea reason = new TextArea("Reason (kept in the audit log)");
        reason.setId("workflow-action-reason");
        reason.setWidthFull();
        dialog.add(reason);
        Button confirm = new Button(label, click -> {
            if (reason.getValue().isBlank()) {
                reason.setErrorMessage("A reason is required.");
                reason.setInvalid(true);
                return;
            }
            WorkflowActionResult result =
                    action.apply(workflowId, reason.getValue().strip());
            Notification.show(result.message());
            dialog.close();
            render();
        });
        confirm.setId("confirm-workflow-action");
        confirm.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        dialog.getFooter().add(new Button("Back", click -> dialog.close()), confirm);
        dialog.open();
    }
}
