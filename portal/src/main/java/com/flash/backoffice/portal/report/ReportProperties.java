package com.flash.backoffice.portal.report;

import java.nio.file.Path;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flash.reports}: where background exports keep their files ({@code directory}), the business time zone
 * the period presets are counted in, and the rule that sends an export to the background: a period longer than
 * {@code backgroundAfterDays} days, or more than {@code immediateRowLimit} rows.
 */
@ConfigurationProperties("flash.reports")
public record ReportProperties(Path directory, ZoneId timeZone, Long immediateRowLimit, Integer backgroundAfterDays) {

    public static final long DEFAULT_IMMEDIATE_ROW_LIMIT = 10_000;
    public static final int DEFAULT_BACKGROUND_AFTER_DAYS = 92;

    public ReportProperties {
        directory = directory == null ? Path.of(".flash", "reports") : directory;
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
        immediateRowLimit = immediateRowLimit == null ? DEFAULT_IMMEDIATE_ROW_LIMIT : immediateRowLimit;
        backgroundAfterDays = backgroundAfterDays == null ? DEFAULT_BACKGROUND_AFTER_DAYS : backgroundAfterDays;
        if (immediateRowLimit < 0 || backgroundAfterDays < 1) {
            throw new IllegalArgumentException("flash.reports limits must be positive");
        }
    }
}
