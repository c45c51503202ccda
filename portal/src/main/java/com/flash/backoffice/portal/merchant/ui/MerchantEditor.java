package com.flash.backoffice.portal.merchant.ui;

import com.flash.backoffice.db.ledger.MerchantBalances;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantChange;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.PayoutSchedule;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.portal.merchant.AddressGap;
import com.flash.backoffice.portal.merchant.MerchantDraft;
import com.flash.backoffice.portal.merchant.MerchantField;
import com.flash.backoffice.portal.merchant.MerchantSaveResult;
import com.flash.backoffice.portal.merchant.MerchantService;
import com.flash.backoffice.portal.merchant.MerchantValidation;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Create or edit a merchant. The service validates; this dialog only shows its messages on the fields, and
 * shows the first receive address derived from the key so the user can check it against their wallet. An existing
 * merchant's page also shows its recent payouts and payout settings ({@link MerchantPayoutsSection}).
 */
class MerchantEditor extends Dialog {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final MerchantService service;
    private final Merchant existing;
    private final Consumer<Merchant> onSaved;

    final TextField name = new TextField("Name");
    final ComboBox<String> currency = new ComboBox<>("Default currency");
    final TextArea derivationScheme = new TextArea("Watch-only extended public key (BIP84 zpub or xpub)");
    final Span firstAddress = new Span();
    final TextField lightning = new TextField("LND gRPC address (host:port)");
    final Select<SpeedPolicy> speedPolicy = new Select<>();
    final IntegerField expiry = new IntegerField("Invoice expiry (minutes)");
    final IntegerField monitoring = new IntegerField("Monitoring window (minutes)");
    final BigDecimalField tolerance = new BigDecimalField("Payment tolerance (%)");
    final BigDecimalField fee = new BigDecimalField("Processing fee (%)");
    final TextField payoutDestination = new TextField("Payout destination");
    final Select<PayoutSchedule> payoutSchedule = new Select<>();
    final Select<OnchainCustody> onchainCustody = new Select<>();
    final Span balances = new Span();
    final Button save = new Button("Save");
    private final Map<MerchantField, HasValidation> fields = new EnumMap<>(MerchantField.class);

    MerchantEditor(
            MerchantService service,
            Merchant existing,
            boolean readOnly,
            boolean canEditPayoutSettings,
            Consumer<Merchant> onSaved) {
        this.service = service;
        this.existing = existing;
        this.onSaved = onSaved;
        setHeaderTitle(existing == null ? "New merchant" : existing.name());
        setWidth("min(720px, 100vw)");
        configureFields();
        fill(existing);

        FormLayout form = new FormLayout(
                name,
                currency,
                derivationScheme,
                firstAddress,
                lightning,
                speedPolicy,
                expiry,
                monitoring,
                tolerance,
                fee,
                payoutDestination,
                payoutSchedule,
                onchainCustody,
                balances);
        form.setColspan(balances, 2);
        form.setColspan(derivationScheme, 2);
        form.setColspan(firstAddress, 2);
        if (existing != null) {
            AddressGap gap = service.addressGap(existing.id());
            if (gap.worrying()) {
                Span warning = new Span(gap.warning());
                warning.setId("merchant-gap-warning");
                warning.getElement().getThemeList().add("badge warning");
                warning.getStyle().set("white-space", "normal");
                add(warning);
            }
        }
        if (existing != null) {
            service.pendingChange(existing.id()).ifPresent(change -> add(pendingChange(change, readOnly)));
        }
        add(form);
        if (existing != null) {
            add(new MerchantPayoutsSection(service, existing, canEditPayoutSettings, this::close));
        }

        save.setId("save-merchant");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(click -> save());
        Button cancel = new Button(readOnly ? "Close" : "Cancel", click -> close());
        getFooter().add(cancel);
        if (!readOnly) {
            getFooter().add(save);
        } else {
            form.getChildren().forEach(child -> child.getElement().setProperty("readonly", true));
        }
    }

    /** The change of guarded settings that waits for a second person, and the way to withdraw it. */
    private Div pendingChange(MerchantChange change, boolean readOnly) {
        Span text = new Span("Waiting for approval since " + TIME.format(change.createdAt()) + ": the change of "
                + String.join(", ", change.changes()) + " requested by " + change.requestedBy()
                + ". The fields below show the settings in force until someone else approves it in the approvals"
                + " inbox.");
        text.getStyle().set("white-space", "normal");
        Div banner = new Div(text);
        banner.setId("merchant-pending-change");
        banner.getElement().getThemeList().add("badge contrast");
        if (!readOnly) {
            Button withdraw = new Button("Withdraw the change", click -> {
                if (service.withdrawChange(change.merchantId())) {
                    Notification.show("Withdrawn: the change stays as it was.")
                            .addThemeVariants(NotificationVariant.SUCCESS);
                }
                close();
            });
            withdraw.setId("merchant-withdraw-change");
            withdraw.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            banner.add(withdraw);
        }
        return banner;
    }

    private void configureFields() {
        name.setId("merchant-name");
        name.setRequired(true);
        currency.setId("merchant-currency");
        currency.setItems(List.of("USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "BRL", "ZAR", "BTC"));
        currency.setAllowCustomValue(true);
        currency.addCustomValueSetListener(
                custom -> currency.setValue(custom.getDetail().toUpperCase()));
        derivationScheme.setId("merchant-xpub");
        derivationScheme.setHelperText("The keys stay on the merchant's wallet: paste only the public key.");
        derivationScheme.addValueChangeListener(change -> preview());
        firstAddress.setId("merchant-first-address");
        lightning.setId("merchant-lightning");
        speedPolicy.setId("merchant-speed-policy");
        speedPolicy.setLabel("Speed policy");
        speedPolicy.setItems(SpeedPolicy.values());
        speedPolicy.setItemLabelGenerator(policy -> policy.name() + " (" + policy.confirmations() + " conf.)");
        expiry.setId("merchant-expiry");
        monitoring.setId("merchant-monitoring");
        tolerance.setId("merchant-tolerance");
        fee.setId("merchant-fee");
        payoutDestination.setId("merchant-payout-destination");
        payoutSchedule.setId("merchant-payout-schedule");
        payoutSchedule.setLabel("Payout schedule");
        payoutSchedule.setItems(PayoutSchedule.values());
        onchainCustody.setId("merchant-onchain-custody");
        onchainCustody.setLabel("On-chain payments go to");
        onchainCustody.setItems(OnchainCustody.values());
        onchainCustody.setItemLabelGenerator(custody -> switch (custody) {
            case MERCHANT_WALLET -> "The merchant's wallet (its watch-only key; Flash books only its fee)";
            case FLASH_WALLET -> "Flash's wallet (custodial; no key needed, Flash owes the merchant)";
        });
        balances.setId("merchant-balances");

        fields.put(MerchantField.NAME, name);
        fields.put(MerchantField.DEFAULT_CURRENCY, currency);
        fields.put(MerchantField.DERIVATION_SCHEME, derivationScheme);
        fields.put(MerchantField.LIGHTNING_CONNECTION, lightning);
        fields.put(MerchantField.SPEED_POLICY, speedPolicy);
        fields.put(MerchantField.INVOICE_EXPIRY_MINUTES, expiry);
        fields.put(MerchantField.MONITORING_MINUTES, monitoring);
        fields.put(MerchantField.PAYMENT_TOLERANCE_PCT, tolerance);
        fields.put(MerchantField.PROCESSING_FEE_PCT, fee);
        fields.put(MerchantField.PAYOUT_DESTINATION, payoutDestination);
        fields.put(MerchantField.PAYOUT_SCHEDULE, payoutSchedule);
        fields.put(MerchantField.ONCHAIN_CUSTODY, onchainCustody);
    }

    private void fill(Merchant merchant) {
        MerchantDraft draft = merchant == null
                ? MerchantDraft.defaults()
                : new MerchantDraft(
                        merchant.name(),
                        merchant.defaultCurrency(),
                        merchant.derivationScheme(),
                        merchant.lightningConnection(),
                        merchant.speedPolicy(),
                        merchant.invoiceExpiryMinutes(),
                        merchant.monitoringMinutes(),
                        merchant.paymentTolerancePct(),
                        merchant.processingFeePct(),
                        merchant.payoutDestination(),
                        merchant.payoutSchedule(),
                        merchant.onchainCustody());
        name.setValue(nullToEmpty(draft.name()));
        currency.setValue(draft.defaultCurrency());
        derivationScheme.setValue(nullToEmpty(draft.derivationScheme()));
        lightning.setValue(nullToEmpty(draft.lightningConnection()));
        speedPolicy.setValue(draft.speedPolicy());
        expiry.setValue(draft.invoiceExpiryMinutes());
        monitoring.setValue(draft.monitoringMinutes());
        tolerance.setValue(draft.paymentTolerancePct());
        fee.setValue(draft.processingFeePct());
        payoutDestination.setValue(nullToEmpty(draft.payoutDestination()));
        payoutSchedule.setValue(draft.payoutSchedule());
        onchainCustody.setValue(draft.onchainCustody());
        if (merchant != null) {
            MerchantBalances money = service.balances(merchant.id());
            balances.setText("From the ledger — custodial balance " + btc(money.custodialBalance())
                    + ", fees receivable " + btc(money.feesReceivable()) + ", reserved " + btc(money.reserved())
                    + (money.refundsReceivable().isZero()
                            ? ""
                            : ", refunds receivable " + btc(money.refundsReceivable()))
                    + ", payable " + btc(money.payable()));
        }
    }

    private static String btc(Msat amount) {
        return amount.toBtcString() + " BTC";
    }

    MerchantDraft draft() {
        return new MerchantDraft(
                name.getValue(),
                currency.getValue(),
                derivationScheme.getValue(),
                lightning.getValue(),
                speedPolicy.getValue(),
                expiry.getValue(),
                monitoring.getValue(),
                tolerance.getValue(),
                fee.getValue(),
                payoutDestination.getValue(),
                payoutSchedule.getValue(),
                onchainCustody.getValue());
    }

    private void preview() {
        if (derivationScheme.getValue().isBlank()) {
            firstAddress.setText("");
            derivationScheme.setInvalid(false);
            return;
        }
        show(service.validate(draft()), MerchantField.DERIVATION_SCHEME);
    }

    private void save() {
        MerchantSaveResult result = existing == null
                ? service.create(draft())
                : service.update(existing.id(), existing.revision(), draft());
        switch (result) {
            case MerchantSaveResult.Saved saved -> {
                Notification.show("Saved " + saved.merchant().name() + ".")
                        .addThemeVariants(NotificationVariant.SUCCESS);
                onSaved.accept(saved.merchant());
                close();
            }
            case MerchantSaveResult.AwaitingApproval waiting -> {
                Notification.show("Saved " + waiting.merchant().name() + ". The change of "
                                + String.join(", ", waiting.guardedChanges())
                                + " waits in the approvals inbox until someone else (" + waiting.approvers()
                                + ") approves it.")
                        .addThemeVariants(NotificationVariant.LUMO_CONTRAST);
                onSaved.accept(waiting.merchant());
                close();
            }
            case MerchantSaveResult.Invalid invalid -> show(invalid.validation(), null);
            case MerchantSaveResult.Stale stale ->
                Notification.show("Someone else changed this merchant meanwhile. Close and open it again.")
                        .addThemeVariants(NotificationVariant.ERROR);
            case MerchantSaveResult.NotFound notFound ->
                Notification.show("This merchant no longer exists.").addThemeVariants(NotificationVariant.ERROR);
        }
    }

    /** Shows the messages; {@code only}, when set, limits them to one field (live checks while typing). */
    private void show(MerchantValidation validation, MerchantField only) {
        fields.forEach((field, component) -> {
            if (only == null || only == field) {
                String message = validation.errors().get(field);
                component.setErrorMessage(message);
                component.setInvalid(message != null);
            }
        });
        firstAddress.setText(validation
                .firstReceiveAddress()
                .map(address -> "First receive address: " + address + " — check that the wallet shows the same.")
                .orElse(""));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
