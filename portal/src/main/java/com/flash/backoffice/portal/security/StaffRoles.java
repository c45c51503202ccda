package com.flash.backoffice.portal.security;

/**
 * Role names as compile-time constants for {@code @RolesAllowed} and {@code @PreAuthorize}; they match
 * {@link Role}'s constants (a test checks it).
 */
public final class StaffRoles {

    public static final String FINANCE = "FINANCE";
    public static final String MARKETING = "MARKETING";
    public static final String SUPPORT = "SUPPORT";
    public static final String ACCOUNTANT = "ACCOUNTANT";
    public static final String ADMIN = "ADMIN";

    /** Method-security expression for "any staff member". */
    public static final String ANY_STAFF = "hasAnyRole('FINANCE', 'MARKETING', 'SUPPORT', 'ACCOUNTANT', 'ADMIN')";

    private StaffRoles() {}
}
