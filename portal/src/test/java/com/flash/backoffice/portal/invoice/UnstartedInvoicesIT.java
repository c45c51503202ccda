package com.flash.backoffice.portal.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStartOutbox;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.portal.workflow.UnstartedWorkflowSweep;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflow;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An invoice whose request died after its commit (the database or Temporal gone, the process stopped) is still in
 * the outbox with no workflow: the sweep gives it its payment methods and its workflow, once, and leaves newer ones
 * to their requests.
 */
@PortalSpringTest
class UnstartedInvoicesIT {

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    InvoiceStartOutbox outbox;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    InvoiceLightningRepository lightning;

    @Autowired
    UnstartedInvoices sweep;

    @Autowired
    WorkflowClient workflows;

    @Test
    void the_sweep_finishes_an_invoice_left_unfinished_and_leaves_a_recent_one_to_its_request() {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Unfinished " + System.nanoTime(), "BTC"));
        Instant longAgo = Instant.now().minus(UnstartedWorkflowSweep.GRACE).minusSeconds(30);
        Invoice left = stored(merchant, longAgo);
        Invoice recent = stored(merchant, Instant.now());
        assertThatThrownBy(() -> describe(left)).as("no workflow yet").isInstanceOf(RuntimeException.class);

        sweep.sweep();
        sweep.sweep();

        assertThat(describe(left)).isNotNull();
        assertThat(lightning.findByInvoice(left.id()))
                .as("its BOLT11 was offered")
                .isPresent();
        assertThat(outbox.due(Instant.now().plusSeconds(1), 1000))
                .doesNotContain(left.id())
                .contains(recent.id());
        assertThatThrownBy(() -> describe(recent)).isInstanceOf(RuntimeException.class);
    }

    private Invoice stored(Merchant merchant, Instant at) {
        Invoice invoice = invoices.create(new NewInvoice(
                merchant.id(),
                1_000_000L,
                "BTC",
                null,
                null,
                null,
                "{}",
                SpeedPolicy.MEDIUM,
                0,
                100,
                Instant.now(),
                Instant.now().plusSeconds(900),
                Instant.now().plusSeconds(3600)));
        outbox.add(invoice.id(), at);
        return invoice;
    }

    private Object describe(Invoice invoice) {
        return workflows
                .newUntypedWorkflowStub(InvoiceWorkflow.workflowId(invoice.id()))
                .describe();
    }
}
