package com.flash.backoffice.portal.invoice;

/** A validation message for one input field; {@code path} uses the Greenfield API's names (checkout.speedPolicy). */
public record FieldError(String path, String message) {}
