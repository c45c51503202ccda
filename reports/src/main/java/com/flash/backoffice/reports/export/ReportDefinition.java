package com.flash.backoffice.reports.export;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A report: adding one is one template, one {@link ReportQuery} and one {@code ReportDefinition} registered in the
 * {@link ReportRegistry}. {@code templatePath} is a classpath resource (e.g. {@code reports/journal/journal.jrxml}).
 * {@code merchantFilter} says that the report accepts a merchant (required when {@code parameters} holds
 * {@link ReportParameter#MERCHANT}, else optional: without one it covers every merchant).
 */
public record ReportDefinition(
        String name,
        String title,
        String templatePath,
        ReportQuery query,
        List<ReportParameter> parameters,
        boolean merchantFilter) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    public ReportDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(templatePath, "templatePath");
        Objects.requireNonNull(query, "query");
        parameters = List.copyOf(parameters);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("report names are lower-case words with dashes: " + name);
        }
        merchantFilter = merchantFilter || parameters.contains(ReportParameter.MERCHANT);
    }

    /** A report that takes a merchant only when {@code parameters} requires one. */
    public ReportDefinition(
            String name, String title, String templatePath, ReportQuery query, List<ReportParameter> parameters) {
        this(name, title, templatePath, query, parameters, false);
    }

    /** Throws IllegalArgumentException naming what is missing. */
    public void check(ReportCriteria criteria) {
        if (parameters.contains(ReportParameter.FROM) && criteria.from() == null) {
            throw new IllegalArgumentException("report '" + name + "' needs a period start (from)");
        }
        if (parameters.contains(ReportParameter.TO) && criteria.to() == null) {
            throw new IllegalArgumentException("report '" + name + "' needs a period end (to)");
        }
        if (parameters.contains(ReportParameter.MERCHANT) && criteria.merchantId() == null) {
            throw new IllegalArgumentException("report '" + name + "' needs a merchant");
        }
        if (!merchantFilter && criteria.merchantId() != null) {
            throw new IllegalArgumentException("report '" + name + "' does not filter by merchant");
        }
    }
}
