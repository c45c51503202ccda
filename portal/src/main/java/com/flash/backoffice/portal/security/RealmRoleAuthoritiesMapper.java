package com.flash.backoffice.portal.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * Maps the {@code realm_access.roles} claim of the Keycloak ID token (or userinfo) to Spring role
 * authorities. Only the five staff roles count: an unknown realm role grants nothing.
 */
class RealmRoleAuthoritiesMapper implements GrantedAuthoritiesMapper {

    private static final Set<String> STAFF_ROLES =
            Arrays.stream(Role.values()).map(Role::name).collect(Collectors.toUnmodifiableSet());

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Set<GrantedAuthority> mapped = new HashSet<>(authorities);
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority oidc) {
                realmRoles(oidc.getIdToken().getClaims()).forEach(role -> mapped.add(role));
                if (oidc.getUserInfo() != null) {
                    realmRoles(oidc.getUserInfo().getClaims()).forEach(role -> mapped.add(role));
                }
            }
        }
        return mapped;
    }

    static List<SimpleGrantedAuthority> realmRoles(Map<String, Object> claims) {
        if (!(claims.get("realm_access") instanceof Map<?, ?> realmAccess)) {
            return List.of();
        }
        if (!(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream()
                .map(String::valueOf)
                .filter(STAFF_ROLES::contains)
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}
