package com.flash.backoffice.portal.card.ui;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.portal.card.CardService;
import com.flash.backoffice.portal.card.ProgrammeDraft;
import com.flash.backoffice.portal.card.ProgrammeOutcome;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Map;

/**
 * FINANCE's new card programme: a name, the limits its cards start with, the days a card has to be activated and the
 * merchants its cards may pay.
 */
class ProgrammeDialog extends Dialog {

    final TextField name = new TextField("Name");
    final IntegerField perTap = new IntegerField("Per payment (sat)");
    final IntegerField daily = new IntegerField("Per rolling day (sat)");
    final IntegerField pinAbove = new IntegerField("PIN above (sat, optional)");
    final IntegerField activationDays = new IntegerField("Days to activate");
    final MultiSelectComboBox<Merchant> allowed = new MultiSelectComboBox<>("Pays only at (optional)");

    ProgrammeDialog(CardService cards, Runnable created) {
        setHeaderTitle("New card programme");
        name.setId("programme-name");
        perTap.setId("programme-per-tap");
        perTap.setValue(50_000);
        daily.setId("programme-daily");
        daily.setValue(200_000);
        pinAbove.setId("programme-pin");
        activationDays.setId("programme-days");
        activationDays.setValue(90);
        allowed.setId("programme-allowed");
        allowed.setItems(cards.merchants());
        allowed.setItemLabelGenerator(Merchant::name);
        allowed.setHelperText("Empty: the cards pay any merchant and any Lightning invoice");
        FormLayout form = new FormLayout(name, perTap, daily, pinAbove, activationDays, allowed);
        form.setColspan(allowed, 2);
        add(form);
        Button save = new Button("Create", click -> {
            ProgrammeOutcome outcome = cards.createProgramme(new ProgrammeDraft(
                    name.getValue(),
                    perTap.getValue() == null ? 0 : perTap.getValue(),
                    daily.getValue() == null ? 0 : daily.getValue(),
                    pinAbove.getValue() == null ? null : pinAbove.getValue().longValue(),
                    activationDays.getValue() == null ? 0 : activationDays.getValue(),
                    allowed.getSelectedItems().stream()
                            .map(Merchant::id)
                            .sorted()
                            .toList()));
            if (outcome.created() == null) {
                show(outcome.errors());
                return;
            }
            Notification.show("Programme " + outcome.created().name() + " created");
            close();
            created.run();
        });
        save.setId("programme-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), save);
    }

    private void show(Map<String, String> errors) {
        mark(name, errors.get("name"));
        mark(perTap, errors.get("perTapLimitSat"));
        mark(daily, errors.get("dailyLimitSat"));
        mark(pinAbove, errors.get("pinLimitSat"));
        mark(activationDays, errors.get("activationDays"));
        mark(allowed, errors.get("allowedMerchantIds"));
    }

    private static void mark(com.vaadin.flow.component.HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(message != null);
    }
}
