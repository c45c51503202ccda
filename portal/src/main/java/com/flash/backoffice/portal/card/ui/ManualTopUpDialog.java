package com.flash.backoffice.portal.card.ui;

import com.flash.backoffice.portal.card.topup.ManualTopUpOutcome;
import com.flash.backoffice.portal.card.topup.ManualTopUps;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * FINANCE's manual top-up of one card: the amount in sat and the reason. Says beforehand whether the top-up is booked
 * at once or waits for approval; the workflow decides.
 */
class ManualTopUpDialog extends Dialog {

    final TextField amount = new TextField("Amount (sat)");
    final TextArea reason = new TextArea("Reason (for the audit log)");
    final Paragraph hint = new Paragraph();

    ManualTopUpDialog(String cardId, ManualTopUps topUps, Runnable done) {
        setHeaderTitle("Top up card " + cardId);
        amount.setId("top-up-amount");
        amount.setWidthFull();
        amount.setValueChangeMode(ValueChangeMode.LAZY);
        amount.addValueChangeListener(change -> hint(topUps));
        reason.setId("top-up-reason");
        reason.setWidthFull();
        reason.setMaxLength(500);
        hint.setId("top-up-hint");
        hint.setText("Flash funds a manual top-up (booked to manual card top-ups).");
        Button confirm = new Button("Top up", click -> {
            amount.setInvalid(false);
            reason.setInvalid(false);
            ManualTopUpOutcome outcome = topUps.request(cardId, amount.getValue(), reason.getValue());
            if (!outcome.accepted() && "amount".equals(outcome.field())) {
                amount.setErrorMessage(outcome.message());
                amount.setInvalid(true);
                return;
            }
            if (!outcome.accepted() && "reason".equals(outcome.field())) {
                reason.setErrorMessage(outcome.message());
                reason.setInvalid(true);
                return;
            }
            close();
            Notification notification = Notification.show(outcome.message());
            notification.addThemeVariants(
                    outcome.accepted() ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
            notification.setDuration(8_000);
            done.run();
        });
        confirm.setId("top-up-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new VerticalLayout(amount, reason, hint));
        getFooter().add(new Button("Back", click -> close()), confirm);
        setWidth("520px");
    }

    private void hint(ManualTopUps topUps) {
        String typed = amount.getValue().strip();
        if (!typed.matches("[0-9]{1,12}")) {
            hint.setText("Flash funds a manual top-up (booked to manual card top-ups).");
            return;
        }
        int approvals = topUps.approvalsNeeded(Long.parseLong(typed));
        hint.setText(
                switch (approvals) {
                    case 0 -> "Within your limit: the card is credited at once.";
                    case 1 -> "Above your limit: another FINANCE user approves it in the approvals inbox first.";
                    default -> "A large top-up: two other FINANCE users approve it in the approvals inbox first.";
                });
    }
}
