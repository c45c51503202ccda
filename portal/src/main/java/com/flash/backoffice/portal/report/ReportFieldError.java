package com.flash.backoffice.portal.report;

/** A message for one input of the reports view. */
public record ReportFieldError(ReportField field, String message) {}
