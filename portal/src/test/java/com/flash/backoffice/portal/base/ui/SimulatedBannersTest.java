package com.flash.backoffice.portal.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.workflows.rate.RateMode;
import org.junit.jupiter.api.Test;

class SimulatedBannersTest {

    @Test
    void simulated_rates_are_announced_in_red_with_the_reason_on_hover() {
        var banner = MainLayout.simulatedRatesBanner(new RateMode(true, "flash.rates.simulated=true"));

        assertThat(banner.getId()).contains("simulated-rates");
        assertThat(banner.getText()).isEqualTo("SIMULATED RATES · not market prices");
        assertThat(banner.getTitle()).contains("Development only: flash.rates.simulated=true");
        assertThat(banner.getElement().getThemeList()).contains("error");
    }
}
