package com.flash.backoffice.portal.suspense.ui;

import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.portal.suspense.ResolveOutcome;
import com.flash.backoffice.portal.suspense.SuspenseService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;

/** Acknowledge a note: the coins went to the merchant's own wallet; nothing is booked, the audit log says why. */
class AcknowledgeDialog extends Dialog {

    final TextArea reason = new TextArea("Reason (for the audit log)");
    final Paragraph refusal = new Paragraph();

    AcknowledgeDialog(SuspenseService suspense, SuspenseReceipt receipt, Runnable onDone) {
        setHeaderTitle("Acknowledge receipt " + receipt.id());
        reason.setId("acknowledge-reason");
        refusal.setId("acknowledge-refusal");
        refusal.setVisible(false);
        add(
                new Paragraph("Flash received nothing: the payment went to the merchant's own wallet, so there is"
                        + " nothing to allocate. Acknowledging closes the receipt."),
                reason,
                refusal);
        Button save = new Button("Acknowledge", click -> {
            reason.setInvalid(false);
            ResolveOutcome outcome = suspense.acknowledge(receipt.id(), receipt.revision(), reason.getValue());
            if (outcome.done()) {
                close();
                Notification.show(outcome.message());
                onDone.run();
            } else if (outcome == ResolveOutcome.REASON_REQUIRED) {
                reason.setErrorMessage(outcome.message());
                reason.setInvalid(true);
            } else {
                refusal.setText(outcome.message());
                refusal.setVisible(true);
            }
        });
        save.setId("acknowledge-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button("Close", click -> close()), save);
    }
}
