package com.flash.backoffice.portal.approval.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.db.approval.ApprovalStatus;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.portal.approval.ApprovalRequests;
import com.flash.backoffice.portal.approval.InboxItem;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The Approvals inbox in the browser's place (Karibu), on the real portal, MariaDB and Temporal. */
@PortalSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalsViewIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    ApprovalRepository inbox;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    ExchangeRateRepository rates;

    @Autowired
    WorkflowClient client;

    ApprovalRequests requests;
    Merchant merchant;

    @BeforeAll
    void startTheRequestingWorkflowsWorker() {
        merchant = merchants.create(NewMerchant.withDefaults("Inbox view " + UUID.randomUUID(), "EUR"));
        rates.record(new ExchangeRate("EUR", new BigDecimal("90000"), "kraken", null, "rate-fetcher", Instant.now()));
        requests = new ApprovalRequests(client, inbox, merchant.id());
    }

    @AfterAll
    void stopWorker() {
        requests.close();
    }

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void the_inbox_shows_merchant_amounts_in_btc_and_fiat_requester_and_deadline() {
        String id = requests.request(5_000_000_000L, "sam");
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);

        UI.getCurrent().navigate("approvals");

        InboxItem row = row(id);
        assertThat(GridKt._getFormattedRow(grid(), row))
                .contains("PAYOUT", merchant.name(), "0.05000000", "4500.00 EUR", "sam", "0 of 2", "0 min");
    }

    @Test
    void a_bulk_approval_reports_each_result_and_keeps_the_refused_row_selected() throws Exception {
        String first = requests.request(5_000_000L, "sam");
        String mine = requests.request(5_000_000L, "fiona");
        String second = requests.request(5_000_000L, "sam");
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        UI.getCurrent().navigate("approvals");
        Grid<InboxItem> grid = grid();
        grid.select(row(first));
        grid.select(row(mine));
        grid.select(row(second));

        _click(_get(Button.class, spec -> spec.withId("approve-selected")));

        assertThat(_get(Div.class, spec -> spec.withId("approval-results"))
                        .getElement()
                        .getTextRecursively())
                .contains(first + ": Approved.")
                .contains(second + ": Approved.")
                .contains(mine + ": You requested this, so someone else must decide it.");
        assertThat(grid.getSelectedItems()).extracting(InboxItem::subjectId).containsExactly(mine);
        assertThat(rows()).extracting(InboxItem::subjectId).contains(mine).doesNotContain(first, second);
        assertThat(requests.outcome(first)).isEqualTo(ApprovalOutcome.APPROVED);
        assertThat(requests.outcome(second)).isEqualTo(ApprovalOutcome.APPROVED);
        assertThat(inbox.find(mine).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void rejecting_one_request_asks_for_the_reason_and_the_workflow_records_it() throws Exception {
        String id = requests.request(5_000_000L, "sam");
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        UI.getCurrent().navigate("approvals");

        _click(actionButton(id, "reject-" + id));
        _setValue(_get(TextArea.class, spec -> spec.withId("reject-reason")), "the address is not the merchant's");
        _click(_get(Button.class, spec -> spec.withId("reject-confirm")));

        assertThat(_get(Div.class, spec -> spec.withId("approval-results"))
                        .getElement()
                        .getTextRecursively())
                .contains(id + ": Rejected.");
        assertThat(requests.outcome(id)).isEqualTo(ApprovalOutcome.REJECTED);
        assertThat(inbox.decisions(id))
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("the address is not the merchant's"));
    }

    @Test
    void an_admin_is_offered_the_buttons_and_the_workflow_refuses_the_approval() {
        String id = requests.request(5_000_000L, "sam");
        KaribuSpring.openAs(context, "ada", Role.ADMIN);
        UI.getCurrent().navigate("approvals");

        _click(actionButton(id, "approve-" + id));

        assertThat(_get(Div.class, spec -> spec.withId("approval-results"))
                        .getElement()
                        .getTextRecursively())
                .contains(id + ": Only FINANCE can decide this request (ADMIN is no substitute).");
        assertThat(grid().getSelectedItems()).extracting(InboxItem::subjectId).containsExactly(id);
        assertThat(inbox.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    private Button actionButton(String subjectId, String buttonId) {
        List<InboxItem> rows = rows();
        int index = rows.stream().map(InboxItem::subjectId).toList().indexOf(subjectId);
        assertThat(index).isNotNegative();
        HorizontalLayout actions = (HorizontalLayout) GridKt._getCellComponent(grid(), index, "actions");
        return _get(actions, Button.class, spec -> spec.withId(buttonId));
    }

    private InboxItem row(String subjectId) {
        return rows().stream()
                .filter(item -> item.subjectId().equals(subjectId))
                .findFirst()
                .orElseThrow(() -> new AssertionError(subjectId + " is not in the inbox"));
    }

    private static List<InboxItem> rows() {
        Grid<InboxItem> grid = grid();
        return GridKt._fetch(grid, 0, GridKt._size(grid));
    }

    @SuppressWarnings("unchecked")
    private static Grid<InboxItem> grid() {
        return _get(Grid.class, spec -> spec.withId("approvals-grid"));
    }
}
