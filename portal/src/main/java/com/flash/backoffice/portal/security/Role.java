package com.flash.backoffice.portal.security;

/** Staff roles: Keycloak realm roles of the {@code flash} realm, mapped to {@code ROLE_<name>} authorities. */
public enum Role {
    FINANCE,
    MARKETING,
    SUPPORT,
    ACCOUNTANT,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
