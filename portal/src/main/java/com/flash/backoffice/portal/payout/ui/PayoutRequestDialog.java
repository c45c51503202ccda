package com.flash.backoffice.portal.payout.ui;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.portal.payout.PayoutDraft;
import com.flash.backoffice.portal.payout.PayoutField;
import com.flash.backoffice.portal.payout.PayoutRequestOutcome;
import com.flash.backoffice.portal.payout.PayoutService;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/** FINANCE requests a payout for a merchant: the payable balance is shown, and every refusal is a field message. */
class PayoutRequestDialog extends Dialog {

    private final PayoutService payouts;
    private final Consumer<Payout> onCreated;
    final ComboBox<Merchant> merchant = new ComboBox<>("Merchant");
    final Paragraph payable = new Paragraph();
    final TextField destination = new TextField("Destination");
    final BigDecimalField amount = new BigDecimalField("Amount (BTC)");
    final Button submit = new Button("Request payout");
    private final Map<PayoutField, HasValidation> fields = new EnumMap<>(PayoutField.class);

    PayoutRequestDialog(PayoutService payouts, Consumer<Payout> onCreated) {
        this.payouts = payouts;
        this.onCreated = onCreated;
        setHeaderTitle("Request a payout");
        merchant.setId("payout-merchant");
        merchant.setItems(payouts.merchants());
        merchant.setItemLabelGenerator(Merchant::name);
        merchant.setRequired(true);
        merchant.addValueChangeListener(event -> showPayable());
        payable.setId("payout-payable");
        destination.setId("payout-destination");
        destination.setHelperText("A BOLT11 invoice, a Lightning address (name@domain), an LNURL or a Bitcoin address");
        destination.setWidthFull();
        amount.setId("payout-amount");
        fields.put(PayoutField.MERCHANT, merchant);
        fields.put(PayoutField.DESTINATION, destination);
        fields.put(PayoutField.AMOUNT, amount);
        submit.setId("payout-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(event -> submit());
        FormLayout form = new FormLayout(merchant, payable, destination, amount);
        form.setColspan(destination, 2);
        add(form);
        getFooter().add(new Button("Cancel", event -> close()), submit);
        setWidth("640px");
    }

    private void showPayable() {
        payable.setText(
                merchant.getValue() == null
                        ? ""
                        : "Payable now: "
                                + payouts.balances(merchant.getValue().id())
                                        .payable()
                                        .toBtcString() + " BTC");
    }

    private void submit() {
        fields.values().forEach(field -> field.setInvalid(false));
        if (merchant.getValue() == null) {
            invalid(PayoutField.MERCHANT, "Choose the merchant to pay");
            return;
        }
        PayoutRequestOutcome outcome = payouts.request(
                merchant.getValue().id(),
                new PayoutDraft(destination.getValue(), amount.getValue()),
                PayoutOrigin.PORTAL);
        switch (outcome) {
            case PayoutRequestOutcome.Created created -> {
                close();
                onCreated.accept(created.payout());
            }
            case PayoutRequestOutcome.Invalid invalid -> invalid.errors().forEach(this::invalid);
            case PayoutRequestOutcome.Overdraft overdraft -> invalid(PayoutField.AMOUNT, overdraft.message());
            case PayoutRequestOutcome.Duplicate duplicate -> invalid(PayoutField.DESTINATION, duplicate.message());
            case PayoutRequestOutcome.UnknownMerchant unknown ->
                invalid(PayoutField.MERCHANT, "This merchant no longer exists");
        }
    }

    private void invalid(PayoutField field, String message) {
        HasValidation component = fields.get(field);
        component.setErrorMessage(message);
        component.setInvalid(true);
    }
}
