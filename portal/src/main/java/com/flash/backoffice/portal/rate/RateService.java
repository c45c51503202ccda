package com.flash.backoffice.portal.rate;

import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.rate.RateSourceStatus;
import com.flash.backoffice.db.rate.RateSourceStatusRepository;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.workflows.rate.RateAggregation;
import com.flash.backoffice.workflows.rate.RateMode;
import com.flash.backoffice.workflows.rate.RateProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exchange rates: the rates fetched from the public sources, each source's health, and the manual rate FINANCE may
 * set with a reason. A manual rate far from the sources' median is held until FINANCE confirms it; both are audited.
 */
@Service
public class RateService {

    static final String READERS = "hasAnyRole('" + StaffRoles.FINANCE + "', '" + StaffRoles.ADMIN + "')";
    private static final BigDecimal MAX_PRICE = new BigDecimal("10000000000000000");
    private static final int MAX_REASON_LENGTH = 500;

    /** The manual rate and what it was checked against, as the audit log keeps it. */
    record ManualRateAudit(ExchangeRate rate, BigDecimal sourcesMedian, BigDecimal deviationPercent) {}

    private final ExchangeRateRepository rates;
    private final RateSourceStatusRepository statuses;
    private final RateProperties properties;
    private final RateMode mode;
    private final AuditService audit;
    private final CurrentUser currentUser;

    RateService(
            ExchangeRateRepository rates,
            RateSourceStatusRepository statuses,
            RateProperties properties,
            RateMode mode,
            AuditService audit,
            CurrentUser currentUser) {
        this.rates = rates;
        this.statuses = statuses;
        this.properties = properties;
        this.mode = mode;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @PreAuthorize(READERS)
    public List<ExchangeRate> currentRates() {
        return rates.currentRates();
    }

    /** Every configured source of every currency (primary first), then any other source that has a status. */
    @PreAuthorize(READERS)
    public List<RateSourceRow> sources() {
        Map<String, RateSourceStatus> known = new LinkedHashMap<>();
        statuses.all().forEach(status -> known.put(status.currency() + "/" + status.source(), status));
        List<RateSourceRow> rows = new ArrayList<>();
        for (String currency : properties.currencies()) {
            List<String> order = properties.sourcesOf(currency);
            for (int i = 0; i < order.size(); i++) {
                RateSourceStatus status = known.remove(currency + "/" + order.get(i));
                rows.add(row(currency, order.get(i), i == 0 ? "primary" : "fallback " + i, status));
            }
        }
        known.values().forEach(status -> rows.add(row(status.currency(), status.source(), "not configured", status)));
        return rows;
    }

    @PreAuthorize(READERS)
    public Duration maxAge() {
        return properties.maxAge();
    }

    @PreAuthorize(READERS)
    public BigDecimal maxManualDeviationPercent() {
        return properties.maxManualDeviationPercent();
    }

    @PreAuthorize(READERS)
    public boolean simulated() {
        return mode.simulated();
    }

    /**
     * Sets a rate by hand. The reason is required; a price more than the configured percentage from the median of
     * the sources' last values is held until {@code deviationConfirmed}.
     */
    @PreAuthorize("hasRole('" + StaffRoles.FINANCE + "')")
    @Transactional
    public ManualRateResult set(String currencyCode, BigDecimal btcPrice, String reason, boolean deviationConfirmed) {
        String currency = currencyCode == null ? "" : currencyCode.strip().toUpperCase();
        if (!currency.matches("[A-Z]{3}") || currency.equals("BTC") || !isIso(currency)) {
            return new ManualRateResult.Invalid("currency", "Use a fiat ISO 4217 code such as USD.");
        }
        if (btcPrice == null || btcPrice.signum() <= 0 || btcPrice.compareTo(MAX_PRICE) >= 0) {
            return new ManualRateResult.Invalid("price", "The price of one bitcoin must be positive.");
        }
        if (btcPrice.stripTrailingZeros().scale() > 8) {
            return new ManualRateResult.Invalid("price", "At most 8 decimals.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            return new ManualRateResult.Invalid("reason", "Say why the rate is set by hand.");
        }
        if (why.length() > MAX_REASON_LENGTH) {
            return new ManualRateResult.Invalid("reason", "At most " + MAX_REASON_LENGTH + " characters.");
        }
        Optional<BigDecimal> median = sourcesMedian(currency);
        BigDecimal deviation =
                median.map(m -> RateAggregation.deviationPercent(btcPrice, m)).orElse(null);
        boolean deviates = deviation != null && deviation.compareTo(properties.maxManualDeviationPercent()) > 0;
        if (deviates && !deviationConfirmed) {
            return new ManualRateResult.NeedsConfirmation(
                    median.get(),
                    deviation,
                    "This rate is " + deviation.stripTrailingZeros().toPlainString() + " % from the sources' median ("
                            + median.get().toPlainString() + "), more than the "
                            + properties.maxManualDeviationPercent().toPlainString()
                            + " % allowed: confirm it to set it anyway.");
        }
        Optional<ExchangeRate> before = rates.current(currency);
        ExchangeRate after =
                rates.setManually(currency, btcPrice, why, currentUser.require().username());
        audit.record(
                deviates ? "rate.set.deviation-confirmed" : "rate.set",
                "exchange-rate",
                currency,
                before.orElse(null),
                new ManualRateAudit(after, median.orElse(null), deviation),
                why);
        return new ManualRateResult.Saved(after);
    }

    private Optional<BigDecimal> sourcesMedian(String currency) {
        List<BigDecimal> values = statuses.forCurrency(currency).stream()
                .map(RateSourceStatus::lastValue)
                .filter(value -> value != null)
                .toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(RateAggregation.median(values));
    }

    private static RateSourceRow row(String currency, String source, String role, RateSourceStatus status) {
        return status == null
                ? new RateSourceRow(currency, source, role, null, null, null, null, 0, 0)
                : new RateSourceRow(
                        currency,
                        source,
                        role,
                        status.lastValue(),
                        status.lastSuccessAt(),
                        status.lastFailureAt(),
                        status.lastError(),
                        status.failureCount(),
                        status.consecutiveFailures());
    }

    private static boolean isIso(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
