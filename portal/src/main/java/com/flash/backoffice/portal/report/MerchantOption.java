package com.flash.backoffice.portal.report;

/** A merchant the merchant filter offers. */
public record MerchantOption(String id, String name) {}
