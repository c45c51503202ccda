package com.flash.backoffice.portal.merchant.ui;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutSettings;
import com.flash.backoffice.portal.merchant.MerchantService;
import com.flash.backoffice.portal.merchant.PayoutSettingsDraft;
import com.flash.backoffice.portal.merchant.PayoutSettingsField;
import com.flash.backoffice.portal.merchant.PayoutSettingsResult;
import com.flash.backoffice.portal.payout.PayoutLabels;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

/**
 * The merchant page's payouts: the last ten (each linking to its payout page) and the payout settings, which ADMIN
 * and FINANCE may change. The service validates; this only shows its messages on the fields.
 */
class MerchantPayoutsSection extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final MerchantService service;
    private final Merchant merchant;

    final Grid<Payout> recent = new Grid<>();
    final BigDecimalField autoApproveBelow = new BigDecimalField("Approve payouts automatically below (BTC)");
    final TextField contactEmail = new TextField("Payout contact e-mail");
    final Button save = new Button("Save payout settings");
    private final Map<PayoutSettingsField, HasValidation> fields = new EnumMap<>(PayoutSettingsField.class);

    MerchantPayoutsSection(MerchantService service, Merchant merchant, boolean canEditSettings, Runnable leave) {
        this.service = service;
        this.merchant = merchant;
        setPadding(false);

        recent.setId("merchant-payouts");
        recent.addColumn(payout -> time(payout.createdAt()))
                .setKey("requested")
                .setHeader("Requested (UTC)")
                .setAutoWidth(true);
        recent.addColumn(payout -> Msat.ofMsat(payout.amountMsat()).toBtcString())
                .setKey("amount")
                .setHeader("Amount (BTC)")
                .setAutoWidth(true);
        recent.addColumn(payout -> PayoutLabels.state(payout.state()))
                .setKey("state")
                .setHeader("State")
                .setAutoWidth(true);
        recent.addColumn(payout -> PayoutLabels.abbreviated(payout.destination()))
                .setKey("destination")
                .setHeader("Destination");
        recent.addComponentColumn(payout -> {
                    Anchor open = new Anchor(payoutPage(payout.id()), "Open");
                    open.setId("merchant-payout-" + payout.id());
                    open.getElement().addEventListener("click", click -> leave.run());
                    return open;
                })
                .setKey("open")
                .setHeader("");
        recent.setEmptyStateText("No payouts yet.");
        recent.setAllRowsVisible(true);
        recent.setItems(service.recentPayouts(merchant.id()));

        autoApproveBelow.setId("merchant-auto-approve-below");
        autoApproveBelow.setHelperText("0: every payout needs a person's approval.");
        contactEmail.setId("merchant-payout-email");
        contactEmail.setHelperText("Optional: who hears about this merchant's payouts.");
        fields.put(PayoutSettingsField.AUTO_APPROVE_BELOW, autoApproveBelow);
        fields.put(PayoutSettingsField.CONTACT_EMAIL, contactEmail);
        fill(service.payoutSettings(merchant.id()));

        save.setId("save-payout-settings");
        save.addClickListener(click -> save());
        save.setVisible(canEditSettings);
        autoApproveBelow.setReadOnly(!canEditSettings);
        contactEmail.setReadOnly(!canEditSettings);

        FormLayout settings = new FormLayout(autoApproveBelow, contactEmail);
        add(new H4("Recent payouts"), recent, new H4("Payout settings"), settings, save);
    }

    static String payoutPage(String payoutId) {
        return "payouts/" + payoutId;
    }

    private void fill(PayoutSettings settings) {
        autoApproveBelow.setValue(
                Msat.ofMsat(settings.autoApproveBelowMsat()).toBtc().stripTrailingZeros());
        contactEmail.setValue(settings.contactEmail() == null ? "" : settings.contactEmail());
    }

    private void save() {
        fields.values().forEach(field -> field.setInvalid(false));
        PayoutSettingsResult result = service.savePayoutSettings(
                merchant.id(), new PayoutSettingsDraft(autoApproveBelow.getValue(), contactEmail.getValue()));
        switch (result) {
            case PayoutSettingsResult.Saved saved -> {
                fill(saved.settings());
                Notification.show("Saved the payout settings of " + merchant.name() + ".")
                        .addThemeVariants(NotificationVariant.SUCCESS);
            }
            case PayoutSettingsResult.Invalid invalid ->
                invalid.errors().forEach((field, message) -> {
                    fields.get(field).setErrorMessage(message);
                    fields.get(field).setInvalid(true);
                });
            case PayoutSettingsResult.NotFound notFound ->
                Notification.show("This merchant no longer exists.").addThemeVariants(NotificationVariant.ERROR);
        }
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
