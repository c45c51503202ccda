package com.flash.backoffice.portal.invoice.ui;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.portal.invoice.FieldError;
import com.flash.backoffice.portal.invoice.InvoiceCreateResult;
import com.flash.backoffice.portal.invoice.InvoiceDraft;
import com.flash.backoffice.portal.invoice.InvoiceService;
import com.flash.backoffice.portal.invoice.InvoiceService.MerchantChoice;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Create an invoice for a merchant: amount and currency, optional order id and metadata. */
class InvoiceCreateDialog extends Dialog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InvoiceService invoices;
    private final Consumer<Invoice> onCreated;
    final ComboBox<MerchantChoice> merchant = new ComboBox<>("Merchant");
    final TextField amount = new TextField("Amount (empty: top-up invoice)");
    final ComboBox<String> currency = new ComboBox<>("Currency");
    final TextField orderId = new TextField("Order id");
    final TextArea metadata = new TextArea("More metadata (JSON object)");
    private final Map<String, HasValidation> fields;

    InvoiceCreateDialog(InvoiceService invoices, Consumer<Invoice> onCreated) {
        this.invoices = invoices;
        this.onCreated = onCreated;
        setHeaderTitle("New invoice");
        merchant.setId("invoice-merchant");
        merchant.setItems(invoices.merchantChoices());
        merchant.setItemLabelGenerator(MerchantChoice::name);
        merchant.addValueChangeListener(change -> {
            if (change.getValue() != null && currency.isEmpty()) {
                currency.setValue(change.getValue().defaultCurrency());
            }
        });
        amount.setId("invoice-amount");
        currency.setId("invoice-currency");
        currency.setItems(List.of("BTC", "SATS", "USD", "EUR", "GBP", "CHF"));
        currency.setAllowCustomValue(true);
        currency.addCustomValueSetListener(
                custom -> currency.setValue(custom.getDetail().toUpperCase()));
        orderId.setId("invoice-order-id");
        metadata.setId("invoice-metadata");
        metadata.setPlaceholder("{\"buyerEmail\": \"...\"}");
        fields = Map.of("amount", amount, "currency", currency, "metadata", metadata, "metadata.orderId", orderId);
        add(new FormLayout(merchant, amount, currency, orderId, metadata));
        Button create = new Button("Create", click -> create());
        create.setId("create-invoice");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), create);
    }

    private void create() {
        if (merchant.getValue() == null) {
            merchant.setErrorMessage("Choose the merchant.");
            merchant.setInvalid(true);
            return;
        }
        InvoiceCreateResult result = invoices.create(
                merchant.getValue().id(),
                new InvoiceDraft(amount.getValue(), currency.getValue(), metadataJson(), null, null, null, null));
        switch (result) {
            case InvoiceCreateResult.Created created -> {
                close();
                onCreated.accept(created.invoice());
            }
            case InvoiceCreateResult.Invalid invalid -> show(invalid.errors());
            case InvoiceCreateResult.MerchantNotFound notFound ->
                Notification.show("This merchant no longer exists.").addThemeVariants(NotificationVariant.ERROR);
        }
    }

    private void show(List<FieldError> errors) {
        fields.values().forEach(field -> field.setInvalid(false));
        for (FieldError error : errors) {
            HasValidation field = fields.getOrDefault(error.path(), metadata);
            field.setErrorMessage(error.message());
            field.setInvalid(true);
        }
    }

    /** The order id goes into the metadata as BTCPay keeps it ({@code metadata.orderId}). */
    private String metadataJson() {
        String extra =
                metadata.getValue().isBlank() ? "{}" : metadata.getValue().strip();
        String order = orderId.getValue().strip();
        if (order.isEmpty()) {
            return extra;
        }
        try {
            if (JSON.readTree(extra) instanceof ObjectNode object) {
                object.put("orderId", order);
                return JSON.writeValueAsString(object);
            }
        } catch (JacksonException invalid) {
            // left as typed: the service reports the field error
        }
        return extra;
    }
}
