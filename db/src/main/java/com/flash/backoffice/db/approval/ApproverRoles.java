package com.flash.backoffice.db.approval;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Who may decide a request, as its policy's {@code approverRole} names it: one role ({@code FINANCE}) or several
 * joined by commas ({@code ADMIN,FINANCE}: either decides, as a merchant's key change needs). The inbox row keeps the
 * same text, so the inbox query ({@code FIND_IN_SET}, hence the comma) and the workflow's rules read one value.
 */
public final class ApproverRoles {

    public static final String SEPARATOR = ",";

    private ApproverRoles() {}

    public static String anyOf(String... roles) {
        return String.join(SEPARATOR, roles);
    }

    public static List<String> of(String approverRole) {
        return Arrays.stream(approverRole.split(SEPARATOR))
                .map(String::strip)
                .filter(role -> !role.isEmpty())
                .toList();
    }

    public static boolean anyHeld(String approverRole, Collection<String> roles) {
        return of(approverRole).stream().anyMatch(roles::contains);
    }

    /** {@code FINANCE}, or {@code ADMIN or FINANCE}, for messages. */
    public static String describe(String approverRole) {
        return String.join(" or ", of(approverRole));
    }
}
