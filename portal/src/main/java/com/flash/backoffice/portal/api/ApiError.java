package com.flash.backoffice.portal.api;

/** Greenfield's error body: {@code {"code": "...", "message": "..."}}. */
public record ApiError(String code, String message) {}
