package com.flash.backoffice.portal.apikey.ui;

import com.flash.backoffice.db.apikey.CreatedApiKey;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;

/** The one time a new key is shown: Flash keeps only its hash, so closing this dialog loses it for good. */
class KeyShownOnceDialog extends Dialog {

    final TextField key = new TextField("API key");

    KeyShownOnceDialog(CreatedApiKey created, Runnable onClose) {
        setId("api-key-created");
        setHeaderTitle("Copy the new API key now");
        setCloseOnOutsideClick(false);
        key.setId("api-key-value");
        key.setValue(created.plaintextKey());
        key.setReadOnly(true);
        key.setWidthFull();
        add(
                new Paragraph("This is the only time the key is shown: Flash keeps only its hash and cannot show it"
                        + " again. If it is lost, revoke it and create a new one."),
                key,
                new Paragraph("Applications send it as the header 'Authorization: token <key>'."));
        Button copy = new Button("Copy", click -> {
            key.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", key.getValue());
            Notification.show("Copied.");
        });
        copy.setId("api-key-copy");
        Button done = new Button("I have copied it", click -> {
            close();
            onClose.run();
        });
        done.setId("api-key-done");
        done.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(copy, done);
        setWidth("44rem");
    }
}
