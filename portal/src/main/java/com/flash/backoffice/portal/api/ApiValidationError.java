package com.flash.backoffice.portal.api;

/** One entry of Greenfield's validation error array (HTTP 422): {@code {"path": "amount", "message": "..."}}. */
public record ApiValidationError(String path, String message) {}
