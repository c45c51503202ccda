package com.flash.backoffice.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * What a feature loosens in the portal's Content-Security-Policy for its own pages; every other page keeps the
 * strict defaults of {@link SecurityHeaders}. Empty means "not mine, or nothing to loosen".
 */
public interface PagePolicy {

    /** The sources, besides none, that may frame this page ({@code frame-ancestors}). */
    default Optional<String> frameAncestors(HttpServletRequest request) {
        return Optional.empty();
    }

    /** The targets, besides this portal, this page's forms may post to ({@code form-action}). */
    default Optional<String> formAction(HttpServletRequest request) {
        return Optional.empty();
    }
}
