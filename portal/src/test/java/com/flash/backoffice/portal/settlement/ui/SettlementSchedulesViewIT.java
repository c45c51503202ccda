package com.flash.backoffice.portal.settlement.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.PayoutSchedule;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.settlement.SettlementFrequency;
import com.flash.backoffice.db.settlement.SettlementPlan;
import com.flash.backoffice.db.settlement.SettlementScheduleRepository;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.settlement.SettlementScheduleRow;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The Settlement schedules page with Karibu on the real portal: the form's messages, create, pause, and who acts. */
@PortalSpringTest
class SettlementSchedulesViewIT {

    private static final AtomicInteger MERCHANTS = new AtomicInteger();

    @Autowired
    ApplicationContext context;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    SettlementScheduleRepository schedules;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void finance_creates_a_weekly_schedule_after_the_forms_messages_and_pauses_it() {
        Merchant merchant = merchant("view@example.com");
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        UI.getCurrent().navigate("settlement-schedules");
        _click(_get(Button.class, spec -> spec.withId("settlement-new")));

        _setValue(combo("settlement-merchant"), merchant);
        _setValue(combo("settlement-frequency"), SettlementFrequency.WEEKLY);
        _click(_get(Button.class, spec -> spec.withId("settlement-save")));

        assertThat(combo("settlement-weekday").getErrorMessage()).isEqualTo("Choose the day of the week.");
        assertThat(schedules.find(merchant.id())).isEmpty();

        _setValue(combo("settlement-weekday"), DayOfWeek.WEDNESDAY);
        _click(_get(Button.class, spec -> spec.withId("settlement-save")));

        assertThat(_find(Dialog.class)).isEmpty();
        assertThat(schedules.find(merchant.id()).orElseThrow().plan())
                .isEqualTo(SettlementPlan.weekly(DayOfWeek.WEDNESDAY, 9 * 60));
        Grid<SettlementScheduleRow> grid = grid();
        SettlementScheduleRow row = row(grid, merchant);
        assertThat(SettlementText.plan(row.overview().schedule().plan())).isEqualTo("Weekly on Wednesday at 09:00 UTC");

        grid.select(row);
        _click(_get(Button.class, spec -> spec.withId("settlement-pause")));

        assertThat(schedules.find(merchant.id()).orElseThrow().paused()).isTrue();
        assertThat(row(grid(), merchant).nextRun()).isEmpty();
    }

    @Test
    void a_merchant_without_payout_destination_cannot_get_a_schedule() {
        Merchant merchant = merchant(null);
        KaribuSpring.openAs(context, "ada", Role.ADMIN);
        UI.getCurrent().navigate("settlement-schedules");
        _click(_get(Button.class, spec -> spec.withId("settlement-new")));

        _setValue(combo("settlement-merchant"), merchant);
        _click(_get(Button.class, spec -> spec.withId("settlement-save")));

        assertThat(combo("settlement-merchant").getErrorMessage())
                .isEqualTo("This merchant has no payout destination: set one on the merchant's page first.");
        assertThat(schedules.find(merchant.id())).isEmpty();
    }

    @Test
    void an_accountant_sees_the_schedules_and_their_history_but_no_action() {
        Merchant merchant = merchant("reader-view@example.com");
        schedules.create(merchant.id(), SettlementPlan.daily(LocalTime.of(6, 0).toSecondOfDay() / 60), "fiona");
        KaribuSpring.openAs(context, "anna", Role.ACCOUNTANT);
        UI.getCurrent().navigate("settlement-schedules");

        assertThat(_find(Button.class, spec -> spec.withId("settlement-new"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("settlement-pause"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("settlement-run-now")))
                .isEmpty();
        Grid<SettlementScheduleRow> grid = grid();
        grid.select(row(grid, merchant));
        _click(_get(Button.class, spec -> spec.withId("settlement-history")));

        assertThat(_find(Dialog.class, spec -> spec.withId("settlement-history-dialog")))
                .hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private static <T> ComboBox<T> combo(String id) {
        return _get(ComboBox.class, spec -> spec.withId(id));
    }

    @SuppressWarnings("unchecked")
    private static Grid<SettlementScheduleRow> grid() {
        return _get(Grid.class, spec -> spec.withId("settlement-grid"));
    }

    private static SettlementScheduleRow row(Grid<SettlementScheduleRow> grid, Merchant merchant) {
        return grid.getListDataView()
                .getItems()
                .filter(item -> item.overview().schedule().merchantId().equals(merchant.id()))
                .findFirst()
                .orElseThrow();
    }

    private Merchant merchant(String payoutDestination) {
        Merchant merchant = merchants.create(new NewMerchant(
                "Settlement view shop " + MERCHANTS.incrementAndGet() + " " + System.nanoTime(),
                "EUR",
                null,
                null,
                SpeedPolicy.MEDIUM,
                15,
                1440,
                BigDecimal.ZERO,
                new BigDecimal("1.00"),
                payoutDestination,
                PayoutSchedule.MANUAL,
                OnchainCustody.MERCHANT_WALLET));
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        return merchant;
    }
}
