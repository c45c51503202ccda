package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.bitcoin.ExtendedPublicKeys;
import com.flash.backoffice.workflows.bitcoin.InvalidExtendedKeyException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Every rule a merchant's settings must meet, with the message the user sees. */
final class MerchantRules {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_EXPIRY_MINUTES = 10_080;
    static final int MAX_MONITORING_MINUTES = 43_200;
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final Pattern HOST_PORT = Pattern.compile("^[A-Za-z0-9.-]{1,253}:\\d{1,5}$");

    private MerchantRules() {}

    static MerchantValidation check(MerchantDraft draft, ChainNetwork network) {
        Map<MerchantField, String> errors = new EnumMap<>(MerchantField.class);
        String name = trimmed(draft.name());
        if (name.isEmpty()) {
            errors.put(MerchantField.NAME, "Enter the merchant's name.");
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.put(MerchantField.NAME, "At most " + MAX_NAME_LENGTH + " characters.");
        }
        currencyError(draft.defaultCurrency()).ifPresent(e -> errors.put(MerchantField.DEFAULT_CURRENCY, e));
        Optional<String> address = Optional.empty();
        // a Flash-wallet merchant needs no key (Flash's wallet gives its addresses); one given is kept for a switch
        // back
        if (!trimmed(draft.derivationScheme()).isEmpty()) {
            try {
                address = Optional.of(ExtendedPublicKeys.parse(draft.derivationScheme(), network)
                        .firstReceiveAddress());
            } catch (InvalidExtendedKeyException e) {
                errors.put(MerchantField.DERIVATION_SCHEME, e.getMessage());
            }
        }
        String lightning = trimmed(draft.lightningConnection());
        if (!lightning.isEmpty() && !HOST_PORT.matcher(lightning).matches()) {
            errors.put(MerchantField.LIGHTNING_CONNECTION, "Enter the LND gRPC address as host:port.");
        }
        if (draft.speedPolicy() == null) {
            errors.put(MerchantField.SPEED_POLICY, "Choose a speed policy.");
        }
        rangeError(draft.invoiceExpiryMinutes(), 1, MAX_EXPIRY_MINUTES)
                .ifPresent(e -> errors.put(MerchantField.INVOICE_EXPIRY_MINUTES, e));
        rangeError(draft.monitoringMinutes(), 0, MAX_MONITORING_MINUTES)
                .ifPresent(e -> errors.put(MerchantField.MONITORING_MINUTES, e));
        percentError(draft.paymentTolerancePct()).ifPresent(e -> errors.put(MerchantField.PAYMENT_TOLERANCE_PCT, e));
        percentError(draft.processingFeePct()).ifPresent(e -> errors.put(MerchantField.PROCESSING_FEE_PCT, e));
        if (trimmed(draft.payoutDestination()).length() > 500) {
            errors.put(MerchantField.PAYOUT_DESTINATION, "At most 500 characters.");
        }
        if (draft.onchainCustody() == null) {
            errors.put(MerchantField.ONCHAIN_CUSTODY, "Choose who holds the coins of on-chain payments.");
        }
        if (draft.payoutSchedule() == null) {
            errors.put(MerchantField.PAYOUT_SCHEDULE, "Choose a payout schedule.");
        }
        return new MerchantValidation(errors, address);
    }

    private static Optional<String> currencyError(String code) {
        String currency = trimmed(code);
        if (currency.isEmpty()) {
            return Optional.of("Choose the default currency.");
        }
        if (currency.equals("BTC")) {
            return Optional.empty();
        }
        try {
            Currency.getInstance(currency);
            return currency.matches("[A-Z]{3}") ? Optional.empty() : Optional.of("Use the 3-letter code, e.g. USD.");
        } catch (IllegalArgumentException e) {
            return Optional.of("Unknown currency code: " + currency + ".");
        }
    }

    private static Optional<String> rangeError(Integer value, int min, int max) {
        if (value == null) {
            return Optional.of("Required.");
        }
        return value < min || value > max
                ? Optional.of("Must be between " + min + " and " + max + ".")
                : Optional.empty();
    }

    private static Optional<String> percentError(BigDecimal value) {
        if (value == null) {
            return Optional.of("Required.");
        }
        if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
            return Optional.of("Must be between 0 and 100 %.");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            return Optional.of("At most two decimals.");
        }
        return Optional.empty();
    }

    static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }
}
