package com.flash.backoffice.portal.approval.ui;

import com.flash.backoffice.portal.approval.ApprovalService;
import com.flash.backoffice.portal.approval.DecisionResult;
import com.flash.backoffice.portal.approval.InboxItem;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.portal.workflow.BusinessPages;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The approvals inbox: every request waiting for my role, oldest first, approved or rejected one at a time or in
 * bulk. The buttons are offered to every reader: the requesting workflow applies the rules and its answer is shown
 * per request; a bulk decision keeps the refused rows selected.
 */
@Route("approvals")
@PageTitle("Approvals · Flash")
@Menu(order = 7, icon = "vaadin:check-square-o", title = "Approvals")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.ADMIN})
class ApprovalsView extends VerticalLayout {

    private final ApprovalService approvals;
    final Grid<InboxItem> grid = new Grid<>();
    final Button approveSelected = new Button("Approve selected");
    final Button rejectSelected = new Button("Reject selected…");
    final Div results = new Div();

    ApprovalsView(ApprovalService approvals) {
        this.approvals = approvals;
        setSizeFull();
        grid.setId("approvals-grid");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(item -> item.kind().name()).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(item -> item.merchantName() == null ? "—" : item.merchantName())
                .setHeader("Merchant");
        // a request that moves no money by itself (a merchant's key or destination) shows no amount
        grid.addColumn(item -> item.amount().isZero() ? "—" : item.amount().toBtcString())
                .setHeader("Amount (BTC)")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(item -> item.amount().isZero()
                        ? "—"
                        : item.fiat() == null ? "no rate" : item.fiat().toString())
                .setHeader("Amount (fiat)")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(InboxItem::requestedBy).setHeader("Requested by");
        grid.addColumn(InboxItem::summary).setHeader("Summary");
        grid.addColumn(item -> age(item.age(Instant.now()))).setHeader("Age");
        grid.addColumn(item -> item.deadlineAt().toString()).setHeader("Deadline (UTC)");
        grid.addColumn(item -> item.approvalsGiven() + " of " + item.approvalsNeeded())
                .setHeader("Approvals");
        grid.addComponentColumn(this::actions).setKey("actions").setHeader("");
        grid.setItems(new CallbackDataProvider<InboxItem, Void>(
                query -> approvals.inbox(query.getOffset(), query.getLimit()).stream(),
                query -> approvals.count(),
                InboxItem::subjectId));
        grid.addSelectionListener(selection -> updateButtons());

        approveSelected.setId("approve-selected");
        approveSelected.addThemeVariants(ButtonVariant.PRIMARY);
        approveSelected.addClickListener(click -> decide(selected(), ApprovalVerdict.APPROVE, null));
        rejectSelected.setId("reject-selected");
        rejectSelected.addThemeVariants(ButtonVariant.ERROR);
        rejectSelected.addClickListener(click -> reject(selected()));
        results.setId("approval-results");
        updateButtons();

        add(
                new H2("Approvals"),
                new Paragraph("Requests waiting for a decision by your role, oldest first. The request's workflow"
                        + " checks every decision (your role, not your own request, a second approver above the high"
                        + " limit, the revision you saw) and says why when it refuses."),
                new HorizontalLayout(approveSelected, rejectSelected),
                results,
                grid);
    }

    private HorizontalLayout actions(InboxItem item) {
        Button approve = new Button("Approve", click -> decide(List.of(item), ApprovalVerdict.APPROVE, null));
        approve.setId("approve-" + item.subjectId());
        approve.addThemeVariants(ButtonVariant.SMALL);
        Button reject = new Button("Reject…", click -> reject(List.of(item)));
        reject.setId("reject-" + item.subjectId());
        reject.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.ERROR);
        HorizontalLayout actions = new HorizontalLayout();
        actions.setAlignItems(Alignment.BASELINE);
        BusinessPages.route(item.workflowId()).ifPresent(route -> {
            Anchor open = new Anchor(route, "Open");
            open.setId("open-" + item.subjectId());
            actions.add(open);
        });
        actions.add(approve, reject);
        return actions;
    }

    private void reject(List<InboxItem> items) {
        if (!items.isEmpty()) {
            new RejectDialog(items.size(), reason -> decide(items, ApprovalVerdict.REJECT, reason)).open();
        }
    }

    /** Decides each item, shows each one's answer, and leaves exactly the refused ones selected. */
    void decide(List<InboxItem> items, ApprovalVerdict verdict, String reason) {
        if (items.isEmpty()) {
            return;
        }
        List<DecisionResult> answers = approvals.decideAll(items, verdict, reason);
        results.removeAll();
        answers.forEach(answer -> {
            Paragraph line = new Paragraph(answer.subjectId() + ": " + answer.message());
            line.addClassName(answer.decided() ? "decided" : "refused");
            results.add(line);
        });
        long decided = answers.stream().filter(DecisionResult::decided).count();
        Notification.show(decided + " of " + answers.size() + " decided"
                + (decided < answers.size() ? "; the refused ones stay selected." : "."));
        grid.getDataProvider().refreshAll();
        grid.deselectAll();
        answers.stream()
                .filter(answer -> !answer.decided())
                .forEach(answer -> approvals.pending(answer.subjectId()).ifPresent(grid::select));
        updateButtons();
    }

    private List<InboxItem> selected() {
        Set<InboxItem> selection = grid.getSelectedItems();
        return selection.stream()
                .sorted(java.util.Comparator.comparing(InboxItem::createdAt))
                .toList();
    }

    private void updateButtons() {
        boolean any = !grid.getSelectedItems().isEmpty();
        approveSelected.setEnabled(any);
        rejectSelected.setEnabled(any);
    }

    static String age(Duration age) {
        if (age.isNegative()) {
            return "just now";
        }
        if (age.toDays() > 0) {
            return age.toDays() + " d " + age.toHoursPart() + " h";
        }
        if (age.toHours() > 0) {
            return age.toHours() + " h " + age.toMinutesPart() + " min";
        }
        return age.toMinutes() + " min";
    }
}
