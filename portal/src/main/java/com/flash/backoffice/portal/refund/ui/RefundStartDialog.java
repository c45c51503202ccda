package com.flash.backoffice.portal.refund.ui;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundOrigin;
import com.flash.backoffice.db.refund.RefundVariant;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.portal.refund.RefundDraft;
import com.flash.backoffice.portal.refund.RefundField;
import com.flash.backoffice.portal.refund.RefundPreview;
import com.flash.backoffice.portal.refund.RefundService;
import com.flash.backoffice.portal.refund.RefundStartOutcome;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts a refund of an invoice: each of BTCPay's variants with its amount in BTC and fiat previewed before the agent
 * commits (and whether FINANCE must approve it), the percentage kept for fees, the reason, and optionally where to pay
 * and what it comes from. Field messages come from the service's own checks; nothing is written until they pass.
 */
class RefundStartDialog extends Dialog {

    private final RefundService refunds;
    private final Invoice invoice;
    private final Consumer<Refund> started;
    final RadioButtonGroup<RefundVariant> variant = new RadioButtonGroup<>("How much");
    final BigDecimalField subtract = new BigDecimalField("Subtract for network fees (%)");
    final BigDecimalField customAmount = new BigDecimalField("Custom amount");
    final TextField customCurrency = new TextField("Custom currency");
    final TextArea reason = new TextArea("Reason");
    final TextField destination = new TextField("Pay to (optional)");
    final ComboBox<SuspenseReceipt> suspense = new ComboBox<>("Refund from suspense instead");
    final Checkbox allowNegative = new Checkbox("Allow the merchant's balance to go negative (booked as a receivable)");
    private final Paragraph refusal = new Paragraph();
    private final Map<RefundVariant, RefundPreview> previews = new EnumMap<>(RefundVariant.class);

    RefundStartDialog(RefundService refunds, Invoice invoice, boolean finance, Consumer<Refund> started) {
        this.refunds = refunds;
        this.invoice = invoice;
        this.started = started;
        setHeaderTitle("Refund invoice " + invoice.id());
        setWidth("640px");
        variant.setId("refund-variant");
        variant.setItems(RefundVariant.values());
        variant.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        variant.setItemLabelGenerator(this::label);
        variant.setItemEnabledProvider(
                item -> previews.containsKey(item) && previews.get(item).available());
        subtract.setId("refund-subtract");
        subtract.setHelperText("Kept back to cover the network fee, as in BTCPay");
        customAmount.setId("refund-custom-amount");
        customCurrency.setId("refund-custom-currency");
        customCurrency.setValue("SATS");
        customCurrency.setHelperText("BTC, SATS or a fiat code such as " + invoice.currency());
        reason.setId("refund-reason");
        reason.setRequired(true);
        reason.setWidthFull();
        reason.setMaxLength(500);
        destination.setId("refund-destination");
        destination.setWidthFull();
        destination.setHelperText("Leave empty: the customer claims it with the link (any Lightning wallet)");
        refusal.setId("refund-refusal");
        refusal.getStyle().set("color", "var(--lumo-error-text-color)");
        subtract.addValueChangeListener(event -> refreshPreviews());
        customAmount.addValueChangeListener(event -> refreshPreviews());
        customCurrency.addValueChangeListener(event -> refreshPreviews());

        long left = refunds.refundableMsat(invoice.id());
        Msat payable = refunds.balances(invoice.id()).payable();
        Paragraph limits =
                new Paragraph("Paid " + Msat.ofMsat(invoice.paidMsat()).toBtcString() + " BTC; left to"
                        + " refund " + Msat.ofMsat(left).toBtcString() + " BTC; the merchant's payable balance "
                        + (payable.isNegative() ? Msat.ZERO : payable).toBtcString() + " BTC.");
        limits.setId("refund-limits");
        VerticalLayout form =
                new VerticalLayout(limits, variant, subtract, customAmount, customCurrency, reason, destination);
        form.setPadding(false);
        List<SuspenseReceipt> receipts = refunds.openSuspense(invoice.id());
        if (!receipts.isEmpty()) {
            suspense.setId("refund-suspense");
            suspense.setItems(receipts);
            suspense.setItemLabelGenerator(receipt ->
                    receipt.kind() + " · " + Msat.ofMsat(receipt.openMsat()).toBtcString() + " BTC open");
            suspense.setClearButtonVisible(true);
            suspense.setWidthFull();
            form.add(suspense);
        }
        if (finance) {
            allowNegative.setId("refund-allow-negative");
            form.add(allowNegative);
        }
        form.add(refusal);
        add(form);
        Button start = new Button("Start refund", event -> submit());
        start.setId("refund-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", event -> close()), start);
        refreshPreviews();
    }

    void refreshPreviews() {
        RefundVariant chosen = variant.getValue();
        previews.clear();
        refunds.preview(invoice.id(), draft(null)).forEach(preview -> previews.put(preview.variant(), preview));
        variant.setItems(RefundVariant.values());
        if (chosen != null
                && previews.containsKey(chosen)
                && previews.get(chosen).available()) {
            variant.setValue(chosen);
        }
    }

    String label(RefundVariant item) {
        RefundPreview preview = previews.get(item);
        String name = switch (item) {
            case RATE_THEN -> "RateThen: the bitcoin paid";
            case CURRENT_RATE -> "CurrentRate: the fiat paid, at today's rate";
            case FIAT -> "Fiat: the fiat paid, bitcoin fixed at approval";
            case OVERPAID_AMOUNT -> "OverpaidAmount: the part paid above the invoice";
            case CUSTOM -> "Custom: the amount below";
        };
        if (preview == null) {
            return name;
        }
        if (!preview.available()) {
            return name + " — " + preview.refusal();
        }
        var quote = preview.quote();
        return name + " — " + Msat.ofMsat(quote.amountMsat()).toBtcString() + " BTC"
                + (quote.fiatAmount() == null
                        ? ""
                        : " ≈ " + quote.fiatAmount().toPlainString() + " " + quote.fiatCurrency())
                + (preview.needsFinance() ? " · needs FINANCE approval" : " · you approve it");
    }

    private RefundDraft draft(RefundVariant chosen) {
        String to = destination.getValue() == null || destination.getValue().isBlank()
                ? null
                : destination.getValue().strip();
        return new RefundDraft(
                chosen,
                subtract.getValue(),
                customAmount.getValue(),
                customCurrency.getValue(),
                reason.getValue(),
                to,
                suspense.getValue() == null ? null : suspense.getValue().id(),
                allowNegative.getValue());
    }

    void submit() {
        clearErrors();
        switch (refunds.start(invoice.id(), draft(variant.getValue()), RefundOrigin.PORTAL)) {
            case RefundStartOutcome.Created created -> {
                Notification.show("Refund started").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                close();
                started.accept(created.refund());
            }
            case RefundStartOutcome.Invalid invalid -> invalid.errors().forEach(this::showError);
            case RefundStartOutcome.Refused refused -> refusal.setText(refused.message());
            case RefundStartOutcome.UnknownInvoice unknown -> refusal.setText("The invoice no longer exists");
        }
    }

    private void showError(RefundField field, String message) {
        HasValidation component = switch (field) {
            case VARIANT, PAYMENT_METHOD -> variant;
            case SUBTRACT_PERCENTAGE -> subtract;
            case CUSTOM_AMOUNT -> customAmount;
            case CUSTOM_CURRENCY -> customCurrency;
            case REASON -> reason;
            case DESTINATION -> destination;
            case SOURCE -> suspense;
            case ALLOW_NEGATIVE_BALANCE -> null;
        };
        if (component == null) {
            refusal.setText(message);
            return;
        }
        component.setErrorMessage(message);
        component.setInvalid(true);
    }

    private void clearErrors() {
        refusal.setText("");
        for (HasValidation field : List.<HasValidation>of(
                variant, subtract, customAmount, customCurrency, reason, destination, suspense)) {
            field.setInvalid(false);
        }
    }
}
