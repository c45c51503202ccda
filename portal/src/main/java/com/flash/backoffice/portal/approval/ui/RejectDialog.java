package com.flash.backoffice.portal.approval.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/** Asks for the reason a rejection needs, then rejects. */
class RejectDialog extends Dialog {

    final TextArea reason = new TextArea("Reason (shown to the requester and kept in the audit log)");
    final Button confirm = new Button("Reject");

    RejectDialog(int count, Consumer<String> onReject) {
        setHeaderTitle(count == 1 ? "Reject the request" : "Reject " + count + " requests");
        reason.setId("reject-reason");
        reason.setWidthFull();
        confirm.setId("reject-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        // a blank reason goes through too: the workflow's rule refuses it and the inbox shows its message
        confirm.addClickListener(click -> {
            close();
            onReject.accept(reason.getValue());
        });
        add(new Paragraph("Each request's workflow records the rejection with this reason."), reason);
        getFooter().add(new Button("Cancel", click -> close()), confirm);
    }
}
