package com.flash.backoffice.portal.rate;

import com.flash.backoffice.db.rate.ExchangeRate;
import java.math.BigDecimal;

/** What became of a manual rate: saved, refused with a field message, or held until FINANCE confirms a deviation. */
public sealed interface ManualRateResult {

    record Saved(ExchangeRate rate) implements ManualRateResult {}

    /** {@code field} is {@code currency}, {@code price} or {@code reason}. */
    record Invalid(String field, String message) implements ManualRateResult {}

    record NeedsConfirmation(BigDecimal sourcesMedian, BigDecimal deviationPercent, String message)
            implements ManualRateResult {}
}
