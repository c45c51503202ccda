package com.flash.backoffice.portal.rate.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.rate.RateSourceStatusRepository;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@PortalSpringTest
class RatesViewIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    ExchangeRateRepository rates;

    @Autowired
    RateSourceStatusRepository statuses;

    @Autowired
    AuditLogRepository auditLog;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    private void fill(String currency, String price, String reason) {
        _setValue(_get(TextField.class, spec -> spec.withId("rate-currency")), currency);
        _setValue(_get(BigDecimalField.class, spec -> spec.withId("rate-price")), new BigDecimal(price));
        _setValue(_get(TextField.class, spec -> spec.withId("rate-reason")), reason);
    }

    private void save() {
        _click(_get(Button.class, spec -> spec.withId("rate-save")));
    }

    private List<AuditEntry> audited(String action, String currency) {
        return auditLog.find(new AuditQuery("finance", action, null, null, 0, 500)).stream()
                .filter(entry -> entry.targetId().equals(currency))
                .toList();
    }

    @Test
    void a_manual_rate_needs_a_reason_and_without_one_nothing_is_written() {
        KaribuSpring.openAs(context, "finance", Role.FINANCE);
        UI.getCurrent().navigate("rates");

        fill("DKK", "700000", "  ");
        save();

        TextField reason = _get(TextField.class, spec -> spec.withId("rate-reason"));
        assertThat(reason.isInvalid()).isTrue();
        assertThat(reason.getErrorMessage()).isEqualTo("Say why the rate is set by hand.");
        assertThat(rates.current("DKK")).isEmpty();
        assertThat(audited("rate.set", "DKK")).isEmpty();
    }

    @Test
    void a_manual_rate_far_from_the_sources_median_is_held_until_finance_confirms_it_and_both_are_audited() {
        Instant now = Instant.now();
        statuses.succeeded("SEK", "kraken", new BigDecimal("1000000"), now);
        statuses.succeeded("SEK", "coingecko", new BigDecimal("1010000"), now);
        KaribuSpring.openAs(context, "finance", Role.FINANCE);
        UI.getCurrent().navigate("rates");

        fill("SEK", "1500000", "kraken quotes a stale book");
        save();

        BigDecimalField price = _get(BigDecimalField.class, spec -> spec.withId("rate-price"));
        assertThat(price.isInvalid()).isTrue();
        assertThat(price.getErrorMessage())
                .isEqualTo("This rate is 49.25 % from the sources' median (1005000), more than the 5 % allowed:"
                        + " confirm it to set it anyway.");
        assertThat(rates.current("SEK")).isEmpty();
        Checkbox confirm = _get(Checkbox.class, spec -> spec.withId("rate-confirm-deviation"));
        assertThat(confirm.isVisible()).isTrue();

        _setValue(confirm, true);
        save();

        ExchangeRate deviating = rates.current("SEK").orElseThrow();
        assertThat(deviating.btcPrice()).isEqualByComparingTo("1500000");
        assertThat(deviating.manual()).isTrue();
        assertThat(deviating.reason()).isEqualTo("kraken quotes a stale book");
        assertThat(deviating.setBy()).isEqualTo("finance");
        assertThat(audited("rate.set.deviation-confirmed", "SEK"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.reason()).isEqualTo("kraken quotes a stale book");
                    assertThat(entry.afterJson()).contains("\"deviationPercent\":49.25");
                });

        fill("SEK", "1004000", "back to the market");
        save();

        assertThat(rates.current("SEK").orElseThrow().btcPrice()).isEqualByComparingTo("1004000");
        assertThat(audited("rate.set", "SEK"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.reason()).isEqualTo("back to the market"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_rates_page_lists_each_source_with_its_last_value_age_and_failures() {
        Instant now = Instant.now();
        statuses.succeeded("PLN", "kraken", new BigDecimal("390000"), now.minusSeconds(5 * 60));
        statuses.succeeded("PLN", "bitstamp", new BigDecimal("391000"), now.minusSeconds(10 * 60));
        statuses.failed("PLN", "bitstamp", "HTTP 500", now.minusSeconds(4 * 60));
        statuses.failed("PLN", "bitstamp", "no answer within 5000 ms", now.minusSeconds(3 * 60));
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        UI.getCurrent().navigate("rates");

        Grid<?> grid = _get(Grid.class, spec -> spec.withId("rate-source-grid"));
        List<List<String>> rows = IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._getFormattedRow(grid, i))
                .toList();

        assertThat(rows)
                .anySatisfy(row -> assertThat(row).startsWith("USD", "kraken", "primary"))
                .anySatisfy(row -> assertThat(row).startsWith("USD", "coingecko", "fallback 2"))
                .anySatisfy(row -> assertThat(row)
                        .containsExactly("PLN", "kraken", "not configured", "390000", "5 min ago", "never", "0", ""))
                .anySatisfy(row -> assertThat(row)
                        .containsExactly(
                                "PLN",
                                "bitstamp",
                                "not configured",
                                "391000",
                                "10 min ago",
                                "3 min ago",
                                "2 (2 in a row)",
                                "no answer within 5000 ms"));
        assertThat(_find(TextField.class, spec -> spec.withId("rate-currency")))
                .as("ADMIN reads the rates; only FINANCE sets them")
                .isEmpty();
    }
}
