package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceEvent;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The invoice workflow's I/O. Every method is idempotent: a retry or a replay writes nothing twice. */
@ActivityInterface(namePrefix = "Invoice")
public interface InvoiceActivities {

    /** Stores status, paid amount and payments unless the database already has this revision or a newer one. */
    void saveState(InvoiceState state);

    /** The state the workflow saved last (to mark an invoice whose workflow has closed). */
    InvoiceState loadState(String invoiceId);

    /** Posts one balanced ledger entry under the posting's source key (at most once). */
    void postSettlement(SettlementPosting posting);

    void publishEvents(List<InvoiceEvent> events);

    /** Records the finance notice of a settlement reversed for a double spend (at most once per reversal). */
    void recordDoubleSpendNotice(DoubleSpendNotice notice);
}
