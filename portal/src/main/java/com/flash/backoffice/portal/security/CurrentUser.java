package com.flash.backoffice.portal.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/** The signed-in staff member: name and roles, as the audit log and the menu need them. */
@Component
public class CurrentUser {

    public record Staff(String username, String displayName, Set<Role> roles) {
        public boolean has(Role role) {
            return roles.contains(role);
        }
    }

    public Optional<Staff> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        String username = authentication.getName();
        String displayName = username;
        if (authentication.getPrincipal() instanceof OidcUser oidcUser) {
            username = Optional.ofNullable(oidcUser.getPreferredUsername()).orElse(username);
            displayName = Optional.ofNullable(oidcUser.getFullName()).orElse(username);
        }
        return Optional.of(new Staff(username, displayName, roles));
    }

    public Staff require() {
        return get().orElseThrow(() -> new IllegalStateException("no signed-in staff member"));
    }
}
