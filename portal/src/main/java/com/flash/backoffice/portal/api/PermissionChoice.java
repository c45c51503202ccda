package com.flash.backoffice.portal.api;

/** A BTCPay permission name a key can be given, and what it allows, in words for the person choosing. */
public record PermissionChoice(String name, String title) {}
