package com.flash.backoffice.portal.payment.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.payment.BatchStatus;
import com.flash.backoffice.db.payment.BatchSummary;
import com.flash.backoffice.db.payment.NewPayment;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentBatchRepository;
import com.flash.backoffice.db.payment.PaymentKind;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.portal.base.ui.AccessDeniedView;
import com.flash.backoffice.portal.payment.PaymentBatchService;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;

/** The On-chain batches page on the real portal (simulated chain): run now, the batch and its payments, who sees it. */
@PortalSpringTest
class PaymentBatchesViewIT {

    private static final String ADDRESS = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";

    @Autowired
    ApplicationContext context;

    @Autowired
    PaymentRepository payments;

    @Autowired
    PaymentBatchRepository batches;

    @Autowired
    PaymentBatchService service;

    @Autowired
    AuditLogRepository auditLog;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void finance_has_the_waiting_payments_sent_now_and_sees_the_broadcast_batch_with_its_payments() {
        String paymentId = "payout-view-" + UUID.randomUUID();
        payments.recordIntent(new NewPayment(paymentId, PaymentKind.ONCHAIN, ADDRESS, 25_000_000, 5_000_000));
        payments.markInFlight(paymentId); // as its payment activity hands it over for batching
        int audits = auditLog.count(new AuditQuery(null, "payment-batch.run-now", null, null, 0, 1_000));
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        UI.getCurrent().navigate("payment-batches");

        _click(_get(Button.class, spec -> spec.withId("batch-run-now")));

        assertThat(auditLog.count(new AuditQuery(null, "payment-batch.run-now", null, null, 0, 1_000)))
                .isEqualTo(audits + 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> payments.find(paymentId)
                        .map(Payment::batchId)
                        .flatMap(id -> batches.find(id))
                        .map(b -> b.status() == BatchStatus.BROADCAST)
                        .orElse(false));
        long batchId = payments.find(paymentId).orElseThrow().batchId();
        UI.getCurrent().navigate("payment-batches/" + batchId);

        @SuppressWarnings("unchecked")
        Grid<BatchSummary> grid = _get(Grid.class, spec -> spec.withId("batches"));
        BatchSummary selected = grid.asSingleSelect().getValue();
        assertThat(selected.batch().batchId()).isEqualTo(batchId);
        assertThat(selected.batch().txid()).hasSize(64);
        assertThat(BatchText.status(selected.batch())).isEqualTo("Broadcast");
        @SuppressWarnings("unchecked")
        Grid<Payment> inBatch = _get(Grid.class, spec -> spec.withId("batch-payments"));
        assertThat(inBatch.getGenericDataView().getItems().map(Payment::paymentId))
                .contains(paymentId);
    }

    @Test
    void an_accountant_sees_the_batches_but_cannot_run_the_batcher() {
        KaribuSpring.openAs(context, "alex", Role.ACCOUNTANT);
        UI.getCurrent().navigate("payment-batches");

        assertThat(_find(Grid.class, spec -> spec.withId("batches"))).hasSize(1);
        assertThat(_find(Button.class, spec -> spec.withId("batch-run-now"))).isEmpty();
        assertThatThrownBy(() -> service.runNow()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void an_admin_cannot_run_the_batcher_either_it_sends_money() {
        KaribuSpring.openAs(context, "ada", Role.ADMIN);

        assertThatThrownBy(() -> service.runNow()).isInstanceOf(AccessDeniedException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = Role.class,
            names = {"SUPPORT", "MARKETING"})
    void support_and_marketing_are_refused_the_page_and_the_service(Role role) {
        KaribuSpring.openAs(context, role.name().toLowerCase(), role);
        UI.getCurrent().navigate("payment-batches");

        assertThat(_find(AccessDeniedView.class)).hasSize(1);
        assertThatThrownBy(() -> service.recent()).isInstanceOf(AccessDeniedException.class);
    }
}
