package com.flash.backoffice.portal.payment.ui;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payment.BatchSummary;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentBatch;
import com.flash.backoffice.portal.payment.PaymentBatchService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The on-chain batches: which payouts (and later refunds) went out together, in which transaction, for what fee;
 * why a batch was not sent. FINANCE can have the batcher run now.
 */
@Route("payment-batches")
@PageTitle("On-chain batches · Flash")
@Menu(order = 3.6, icon = "vaadin:cubes", title = "On-chain batches")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class PaymentBatchesView extends VerticalLayout implements HasUrlParameter<Long> {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final PaymentBatchService batches;
    final Grid<BatchSummary> grid = new Grid<>();
    final VerticalLayout detail = new VerticalLayout();
    final Button runNow = new Button("Send waiting payments now");
    private final boolean finance;

    PaymentBatchesView(PaymentBatchService batches, CurrentUser currentUser) {
        this.batches = batches;
        add(
                new H2("On-chain batches"),
                new Paragraph("On-chain payments due in the same run go out together, in one transaction from "
                        + (batches.settings().custody().name().equals("COLD")
                                ? "the cold treasury key (FINANCE signs each batch's PSBT)"
                                : "Flash's wallet")
                        + ". The batcher runs every "
                        + batches.settings()
                                .batchInterval()
                                .toString()
                                .substring(2)
                                .toLowerCase()
                        + ", for confirmation within " + batches.settings().targetConf() + " blocks; a payment"
                        + " completes at " + batches.settings().confirmations() + " confirmations."));
        finance = currentUser.get().map(s -> s.has(Role.FINANCE)).orElse(false);
        if (finance) {
            runNow.setId("batch-run-now");
            runNow.addThemeVariants(ButtonVariant.PRIMARY);
            runNow.addClickListener(click -> {
                Notification.show(batches.runNow());
                refresh();
            });
            add(runNow);
        }
        configureGrid();
        detail.setPadding(false);
        add(grid, detail);
        refresh();
    }

    private void configureGrid() {
        grid.setId("batches");
        grid.addColumn(s -> s.batch().batchId()).setHeader("Batch").setAutoWidth(true);
        grid.addColumn(s -> TIME.format(s.batch().createdAt()))
                .setHeader("Opened")
                .setAutoWidth(true);
        grid.addColumn(s -> s.batch().custody()).setHeader("Custody").setAutoWidth(true);
        grid.addColumn(s -> BatchText.status(s.batch())).setHeader("Status").setAutoWidth(true);
        grid.addColumn(BatchSummary::payments).setHeader("Payments").setAutoWidth(true);
        grid.addColumn(s -> Msat.ofMsat(s.amountMsat()).toBtcString()).setHeader("Amount (BTC)");
        grid.addColumn(s -> s.batch().feeSat() == null ? "" : s.batch().feeSat() + " sat")
                .setHeader("Fee");
        grid.addColumn(s -> s.batch().txid() == null ? "" : s.batch().txid()).setHeader("Transaction");
        grid.addColumn(s -> s.batch().detail() == null ? "" : s.batch().detail())
                .setHeader("Detail");
        grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        grid.setAllRowsVisible(true);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter Long batchId) {
        if (batchId != null) {
            batches.recent().stream()
                    .filter(s -> s.batch().batchId() == batchId)
                    .findFirst()
                    .ifPresentOrElse(grid::select, () -> Notification.show("There is no batch " + batchId + "."));
        }
    }

    private void refresh() {
        grid.setItems(batches.recent());
    }

    private void show(BatchSummary summary) {
        detail.removeAll();
        if (summary == null) {
            return;
        }
        PaymentBatch batch = summary.batch();
        detail.add(new H3("Batch " + batch.batchId() + ": " + BatchText.status(batch)));
        Grid<Payment> payments = new Grid<>();
        payments.setId("batch-payments");
        payments.addColumn(Payment::paymentId).setHeader("Payment").setAutoWidth(true);
        payments.addColumn(Payment::destination).setHeader("Address").setAutoWidth(true);
        payments.addColumn(p -> Msat.ofMsat(p.amountMsat()).toBtcString()).setHeader("Amount (BTC)");
        payments.addColumn(Payment::status).setHeader("Payment status");
        payments.addColumn(
                        p -> p.feeMsat() == null ? "" : Msat.ofMsat(p.feeMsat()).toBtcString())
                .setHeader("Fee share (BTC)");
        payments.setItems(batches.payments(batch.batchId()));
        payments.setAllRowsVisible(true);
        detail.add(payments);
        if (finance) {
            batches.unsignedPsbt(batch.batchId())
                    .ifPresent(funded -> detail.add(new ColdBatchPanel(batches, batch.batchId(), funded, () -> {
                        refresh();
                        detail.removeAll();
                    })));
        }
    }
}
