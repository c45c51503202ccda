package com.flash.backoffice.portal.merchant.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@PortalSpringTest
class PayButtonDialogIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    AuditLogRepository auditLog;

    Merchant merchant;

    @BeforeEach
    void merchant() {
        merchant = merchants.create(NewMerchant.withDefaults("Pay button shop " + UUID.randomUUID(), "EUR"));
    }

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @SuppressWarnings("unchecked")
    private void openDialog(String user, Role role) {
        KaribuSpring.openAs(context, user, role);
        UI.getCurrent().navigate("merchants");
        _setValue(_get(TextField.class, spec -> spec.withId("merchant-filter")), merchant.name());
        Grid<Merchant> grid = _get(Grid.class, spec -> spec.withId("merchant-grid"));
        _click((Button) GridKt._getCellComponent(grid, 0, "payButton"));
    }

    @Test
    void admin_turns_the_pay_button_on_audited_and_copies_its_html() {
        openDialog("admin", Role.ADMIN);

        _setValue(_get(Checkbox.class, spec -> spec.withId("pay-button-allowed")), true);
        _setValue(_get(BigDecimalField.class, spec -> spec.withId("pay-button-price")), new BigDecimal("12.50"));

        assertThat(merchants.anyoneCanCreateInvoice(merchant.id())).isTrue();
        assertThat(auditLog.find(new AuditQuery("admin", "merchant.anyone-can-create-invoice", null, null, 0, 50)))
                .anySatisfy(entry -> assertThat(entry.targetId()).isEqualTo(merchant.id()));
        assertThat(_get(TextArea.class, spec -> spec.withId("pay-button-html")).getValue())
                .contains("action=\"http")
                .contains("/api/v1/invoices\"")
                .contains("name=\"storeId\" value=\"" + merchant.id() + "\"")
                .contains("name=\"price\" value=\"12.50\"")
                .contains("name=\"currency\" value=\"EUR\"");
    }

    @Test
    void a_price_of_zero_shows_a_field_message() {
        openDialog("admin", Role.ADMIN);

        BigDecimalField price = _get(BigDecimalField.class, spec -> spec.withId("pay-button-price"));
        _setValue(price, BigDecimal.ZERO);

        assertThat(price.isInvalid()).isTrue();
        assertThat(price.getErrorMessage()).isEqualTo("The price must be more than zero.");
    }

    @Test
    void support_sees_the_html_but_cannot_change_the_setting() {
        openDialog("support", Role.SUPPORT);

        assertThat(_get(Checkbox.class, spec -> spec.withId("pay-button-allowed"))
                        .isReadOnly())
                .isTrue();
        assertThat(_get(TextArea.class, spec -> spec.withId("pay-button-html")).getValue())
                .contains(merchant.id());
    }

    @Test
    void admin_lists_the_sites_that_may_frame_the_checkout_and_bad_origins_change_nothing() {
        openDialog("admin", Role.ADMIN);
        TextArea framers = _get(TextArea.class, spec -> spec.withId("pay-button-frame-origins"));
        Button save = _get(Button.class, spec -> spec.withId("pay-button-frame-save"));
        int auditBefore = auditLog.count(AuditQuery.all(0, 0));

        _setValue(framers, "https://shop.example/checkout\nhttp://shop.example");
        _click(save);

        assertThat(framers.isInvalid()).isTrue();
        assertThat(framers.getErrorMessage())
                .isEqualTo("Not a web site's origin (such as https://shop.example): https://shop.example/checkout,"
                        + " http://shop.example");
        assertThat(merchants.checkoutFrameAncestors(merchant.id())).isEmpty();
        assertThat(auditLog.count(AuditQuery.all(0, 0))).isEqualTo(auditBefore);

        _setValue(framers, "https://Shop.Example, https://*.shop.example");
        _click(save);

        assertThat(framers.isInvalid()).isFalse();
        assertThat(framers.getValue()).isEqualTo("https://shop.example\nhttps://*.shop.example");
        assertThat(merchants.checkoutFrameAncestors(merchant.id()))
                .isEqualTo("https://shop.example https://*.shop.example");
        assertThat(auditLog.find(new AuditQuery("admin", "merchant.checkout-frame-ancestors", null, null, 0, 50)))
                .anySatisfy(entry -> {
                    assertThat(entry.targetId()).isEqualTo(merchant.id());
                    assertThat(entry.afterJson()).contains("https://*.shop.example");
                });
    }

    @Test
    void support_cannot_change_the_sites_that_may_frame_the_checkout() {
        merchants.setCheckoutFrameAncestors(merchant.id(), "https://shop.example");
        openDialog("support", Role.SUPPORT);

        TextArea framers = _get(TextArea.class, spec -> spec.withId("pay-button-frame-origins"));
        assertThat(framers.isReadOnly()).isTrue();
        assertThat(framers.getValue()).isEqualTo("https://shop.example");
        assertThat(_find(Button.class, spec -> spec.withId("pay-button-frame-save")))
                .isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> context.getBean(com.flash.backoffice.portal.merchant.MerchantService.class)
                                .saveCheckoutFrameOrigins(merchant.id(), ""))
                .isInstanceOf(org.springframework.security.authorization.AuthorizationDeniedException.class);
    }
}
