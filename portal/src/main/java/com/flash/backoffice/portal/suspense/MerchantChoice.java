package com.flash.backoffice.portal.suspense;

/** A merchant an allocation can credit. */
public record MerchantChoice(String id, String name) {}
