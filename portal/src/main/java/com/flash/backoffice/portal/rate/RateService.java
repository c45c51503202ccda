package com.flash.backoffice.portal.rate;

import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.StaffRoles;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The manual rate table: FINANCE sets the price of one bitcoin per fiat currency; invoices fix it at creation. */
@Service
public class RateService {

    private static final BigDecimal MAX_PRICE = new BigDecimal("10000000000000000");

    private final ExchangeRateRepository rates;
    private final AuditService audit;
    private final CurrentUser currentUser;

    RateService(ExchangeRateRepository rates, AuditService audit, CurrentUser currentUser) {
        this.rates = rates;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @PreAuthorize("hasAnyRole('" + StaffRoles.FINANCE + "', '" + StaffRoles.ADMIN + "')")
    public List<ExchangeRate> currentRates() {
        return rates.currentRates();
    }

    /** Sets a rate; returns the message for the field, or empty when saved. */
    @PreAuthorize("hasRole('" + StaffRoles.FINANCE + "')")
    @Transactional
    public Optional<String> set(String currencyCode, BigDecimal btcPrice) {
        String currency = currencyCode == null ? "" : currencyCode.strip().toUpperCase();
        if (!currency.matches("[A-Z]{3}") || currency.equals("BTC") || !isIso(currency)) {
            return Optional.of("Use a fiat ISO 4217 code such as USD.");
        }
        if (btcPrice == null || btcPrice.signum() <= 0 || btcPrice.compareTo(MAX_PRICE) >= 0) {
            return Optional.of("The price of one bitcoin must be positive.");
        }
        if (btcPrice.stripTrailingZeros().scale() > 8) {
            return Optional.of("At most 8 decimals.");
        }
        Optional<ExchangeRate> before = rates.current(currency);
        ExchangeRate after = rates.set(currency, btcPrice, currentUser.require().username());
        audit.record("rate.set", "exchange-rate", currency, before.orElse(null), after, null);
        return Optional.empty();
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
