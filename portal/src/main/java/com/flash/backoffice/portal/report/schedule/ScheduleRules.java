package com.flash.backoffice.portal.report.schedule;

import com.flash.backoffice.portal.mail.EmailAddresses;
import com.flash.backoffice.reports.export.ReportDefinition;
import com.flash.backoffice.reports.export.ReportParameter;
import com.flash.backoffice.reports.export.ReportRegistry;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Checks a draft; the messages are the ones the form shows beside each field. */
final class ScheduleRules {

    static final int MAX_RECIPIENTS = 20;

    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");

    private ScheduleRules() {}

    static Map<ScheduleField, String> check(
            ScheduleDraft draft, ReportRegistry registry, Predicate<String> merchantExists, List<String> recipients) {
        Map<ScheduleField, String> errors = new EnumMap<>(ScheduleField.class);
        Optional<ReportDefinition> report = draft.report() == null ? Optional.empty() : registry.find(draft.report());
        if (report.isEmpty()) {
            errors.put(ScheduleField.REPORT, "Choose a report.");
        } else if (report.get().parameters().contains(ReportParameter.MERCHANT)) {
            if (blank(draft.merchantId())) {
                errors.put(ScheduleField.MERCHANT, "This report is about one merchant: choose it.");
            } else if (!merchantExists.test(draft.merchantId())) {
                errors.put(ScheduleField.MERCHANT, "No such merchant.");
            }
        }
        if (draft.format() == null) {
            errors.put(ScheduleField.FORMAT, "Choose a format.");
        }
        if (draft.frequency() == null) {
            errors.put(ScheduleField.FREQUENCY, "Choose how often.");
        }
        recipientError(draft.recipients(), recipients)
                .ifPresent(message -> errors.put(ScheduleField.RECIPIENTS, message));
        if (blank(draft.timeZone())) {
            errors.put(ScheduleField.TIME_ZONE, "Choose a time zone.");
        } else if (!knownZone(draft.timeZone())) {
            errors.put(ScheduleField.TIME_ZONE, "Unknown time zone: use a region such as Europe/Paris.");
        }
        return errors;
    }

    /** The merchant to store: only for reports about one merchant. */
    static String merchantFor(ReportDefinition report, String merchantId) {
        return report.parameters().contains(ReportParameter.MERCHANT) ? merchantId.strip() : null;
    }

    /** Splits the typed recipients into {@code into} (lower-cased, without repeats); the message if they are bad. */
    static Optional<String> recipientError(String typed, List<String> into) {
        Set<String> addresses = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        for (String part : SEPARATORS.split(typed == null ? "" : typed.strip())) {
            if (part.isEmpty()) {
                continue;
            }
            if (!EmailAddresses.isValid(part)) {
                invalid.add(part);
            } else {
                addresses.add(part.toLowerCase(Locale.ROOT));
            }
        }
        if (!invalid.isEmpty()) {
            return Optional.of("Not an e-mail address: " + String.join(", ", invalid));
        }
        if (addresses.isEmpty()) {
            return Optional.of("Enter at least one e-mail address.");
        }
        if (addresses.size() > MAX_RECIPIENTS) {
            return Optional.of("At most " + MAX_RECIPIENTS + " recipients (" + addresses.size() + " given).");
        }
        into.addAll(addresses);
        return Optional.empty();
    }

    private static boolean knownZone(String zone) {
        try {
            ZoneId.of(zone.strip());
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
