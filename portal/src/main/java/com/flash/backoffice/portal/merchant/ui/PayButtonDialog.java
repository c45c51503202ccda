package com.flash.backoffice.portal.merchant.ui;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.portal.merchant.FrameOrigins;
import com.flash.backoffice.portal.merchant.MerchantService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * A pay button for a merchant's web page: the store setting it needs (ADMIN switches it, audited) and the HTML to
 * paste, updated as the price, currency and label change.
 */
class PayButtonDialog extends Dialog {

    private final MerchantService merchants;
    private final Merchant merchant;
    private final BigDecimalField price = new BigDecimalField("Price (empty: the customer chooses)");
    private final TextField currency = new TextField("Currency");
    private final TextField label = new TextField("Button text");
    private final TextArea html = new TextArea("HTML to paste into the web page");

    PayButtonDialog(MerchantService merchants, Merchant merchant, boolean canEdit) {
        this.merchants = merchants;
        this.merchant = merchant;
        setHeaderTitle("Pay button · " + merchant.name());
        setWidth("640px");

        Checkbox allowed = new Checkbox("Allow anyone to create invoices for this store (the pay button needs it)");
        allowed.setId("pay-button-allowed");
        allowed.setValue(merchants.payButtonAllowed(merchant.id()));
        allowed.setReadOnly(!canEdit);
        allowed.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                merchants.allowPayButton(merchant.id(), change.getValue());
            }
        });

        price.setId("pay-button-price");
        price.setValueChangeMode(ValueChangeMode.EAGER);
        currency.setId("pay-button-currency");
        currency.setValue(merchant.defaultCurrency());
        label.setId("pay-button-label");
        label.setValue("Pay with Bitcoin");
        html.setId("pay-button-html");
        html.setReadOnly(true);
        html.setWidthFull();
        price.addValueChangeListener(change -> refresh());
        currency.addValueChangeListener(change -> refresh());
        label.addValueChangeListener(change -> refresh());
        refresh();

        TextArea framers = new TextArea("Web sites that may show the checkout in a frame");
        framers.setId("pay-button-frame-origins");
        framers.setWidthFull();
        framers.setValue(merchants.checkoutFrameOrigins(merchant.id()).replace(' ', '\n'));
        framers.setHelperText("Origins such as https://shop.example or https://*.shop.example, one per line. Empty: no"
                + " other web site may frame the checkout page.");
        framers.setReadOnly(!canEdit);
        Button saveFramers = new Button("Save web sites", click -> {
            FrameOrigins.Parsed saved = merchants.saveCheckoutFrameOrigins(merchant.id(), framers.getValue());
            framers.setInvalid(!saved.ok());
            if (saved.ok()) {
                framers.setValue(saved.origins().replace(' ', '\n'));
                Notification.show(
                        saved.origins().isEmpty()
                                ? "Saved: no other web site may frame the checkout."
                                : "Saved: these web sites may frame the checkout.");
            } else {
                framers.setErrorMessage(saved.error());
            }
        });
        saveFramers.setId("pay-button-frame-save");
        saveFramers.setVisible(canEdit);

        add(new VerticalLayout(
                allowed,
                framers,
                saveFramers,
                new Paragraph("A form that posts to this portal: it creates an invoice and opens its checkout page."),
                price,
                currency,
                label,
                html));
        getFooter().add(new Button("Close", click -> close()));
    }

    private void refresh() {
        if (price.getValue() != null && price.getValue().signum() <= 0) {
            price.setErrorMessage("The price must be more than zero.");
            price.setInvalid(true);
            return;
        }
        price.setInvalid(false);
        html.setValue(merchants.payButtonHtml(merchant.id(), price.getValue(), currency.getValue(), label.getValue()));
    }
}
