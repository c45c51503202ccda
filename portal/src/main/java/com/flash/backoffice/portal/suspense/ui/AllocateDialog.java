package com.flash.backoffice.portal.suspense.ui;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.portal.suspense.Allocation;
import com.flash.backoffice.portal.suspense.MerchantChoice;
import com.flash.backoffice.portal.suspense.ResolveOutcome;
import com.flash.backoffice.portal.suspense.SuspenseField;
import com.flash.backoffice.portal.suspense.SuspenseService;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.EnumMap;
import java.util.Map;

/** Allocate a custodial receipt, or part of it, to a merchant's balance; the receipt's merchant is proposed. */
class AllocateDialog extends Dialog {

    private final SuspenseService suspense;
    private final SuspenseReceipt receipt;
    private final Runnable onDone;
    final ComboBox<MerchantChoice> merchant = new ComboBox<>("Merchant to credit");
    final BigDecimalField amount = new BigDecimalField("Amount (BTC)");
    final TextArea reason = new TextArea("Reason (for the audit log)");
    final Paragraph refusal = new Paragraph();
    private final Map<SuspenseField, HasValidation> fields = new EnumMap<>(SuspenseField.class);

    AllocateDialog(SuspenseService suspense, SuspenseReceipt receipt, Runnable onDone) {
        this.suspense = suspense;
        this.receipt = receipt;
        this.onDone = onDone;
        setHeaderTitle("Allocate receipt " + receipt.id());
        merchant.setId("allocate-merchant");
        merchant.setItems(query ->
                suspense.merchants(query.getFilter().orElse(null), query.getOffset(), query.getLimit()).stream());
        merchant.setItemLabelGenerator(MerchantChoice::name);
        suspense.merchant(receipt.merchantId()).ifPresent(merchant::setValue);
        amount.setId("allocate-amount");
        amount.setValue(Msat.ofMsat(receipt.openMsat()).toBtc().stripTrailingZeros());
        reason.setId("allocate-reason");
        refusal.setId("allocate-refusal");
        refusal.setVisible(false);
        fields.put(SuspenseField.MERCHANT, merchant);
        fields.put(SuspenseField.AMOUNT, amount);
        fields.put(SuspenseField.REASON, reason);
        add(
                new Paragraph("Open: " + Msat.ofMsat(receipt.openMsat()).toBtcString() + " BTC of "
                        + Msat.ofMsat(receipt.amountMsat()).toBtcString() + " BTC."),
                new FormLayout(merchant, amount, reason),
                refusal);
        Button save = new Button("Allocate", click -> save());
        save.setId("allocate-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button("Close", click -> close()), save);
    }

    private void save() {
        fields.values().forEach(field -> field.setInvalid(false));
        refusal.setVisible(false);
        Msat msat;
        try {
            msat = amount.getValue() == null ? null : Msat.ofBtc(amount.getValue());
        } catch (ArithmeticException e) {
            amount.setErrorMessage("At most 11 decimals (one millisatoshi).");
            amount.setInvalid(true);
            return;
        }
        ResolveOutcome outcome = suspense.allocate(new Allocation(
                receipt.id(),
                receipt.revision(),
                merchant.getValue() == null ? null : merchant.getValue().id(),
                msat,
                reason.getValue()));
        if (outcome.done()) {
            close();
            Notification.show(outcome.message());
            onDone.run();
            return;
        }
        if (outcome.field() != null) {
            HasValidation field = fields.get(outcome.field());
            field.setErrorMessage(outcome.message());
            field.setInvalid(true);
        } else {
            refusal.setText(outcome.message());
            refusal.setVisible(true);
        }
    }
}
