package com.flash.backoffice.portal.report;

import com.flash.backoffice.reports.export.ReportDefinition;
import com.flash.backoffice.reports.export.ReportParameter;

/** A report the view offers: whether it reads a period start ({@code period}) and whether it needs a merchant. */
public record ReportChoice(String name, String title, boolean period, boolean merchant) {

    static ReportChoice of(ReportDefinition definition) {
        return new ReportChoice(
                definition.name(),
                definition.title(),
                definition.parameters().contains(ReportParameter.FROM),
                definition.parameters().contains(ReportParameter.MERCHANT));
    }
}
