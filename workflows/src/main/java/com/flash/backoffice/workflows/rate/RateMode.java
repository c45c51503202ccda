package com.flash.backoffice.workflows.rate;

/**
 * Whether rates come from the public exchange APIs or from the development-only simulated source. The portal shows
 * a banner when {@link #simulated()}.
 */
public record RateMode(boolean simulated, String reason) {

    static RateMode decide(RateProperties properties) {
        return properties.simulated()
                ? new RateMode(true, "flash.rates.simulated=true (FLASH_RATES_SIMULATED)")
                : new RateMode(false, "public exchange APIs");
    }
}
