package com.flash.backoffice.portal.report.schedule;

/** A report that can be scheduled; {@code perMerchant} when it needs a merchant. */
public record SchedulableReport(String name, String title, boolean perMerchant) {}
