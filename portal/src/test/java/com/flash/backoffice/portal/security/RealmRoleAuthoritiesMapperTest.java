package com.flash.backoffice.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

class RealmRoleAuthoritiesMapperTest {

    @Test
    void staff_realm_roles_become_role_authorities() {
        var roles = RealmRoleAuthoritiesMapper.realmRoles(
                Map.of("realm_access", Map.of("roles", List.of("FINANCE", "ADMIN"))));

        assertThat(roles)
                .containsExactlyInAnyOrder(
                        new SimpleGrantedAuthority("ROLE_FINANCE"), new SimpleGrantedAuthority("ROLE_ADMIN"));
    }

    @Test
    void unknown_and_default_realm_roles_grant_nothing() {
        var roles = RealmRoleAuthoritiesMapper.realmRoles(
                Map.of("realm_access", Map.of("roles", List.of("offline_access", "default-roles-flash", "admin"))));

        assertThat(roles).isEmpty();
    }

    @Test
    void a_token_without_realm_access_grants_nothing() {
        assertThat(RealmRoleAuthoritiesMapper.realmRoles(Map.of("sub", "x"))).isEmpty();
        assertThat(RealmRoleAuthoritiesMapper.realmRoles(Map.of("realm_access", "not a map")))
                .isEmpty();
    }

    @Test
    void role_constants_for_annotations_match_the_role_enum() {
        assertThat(List.of(
                        StaffRoles.FINANCE,
                        StaffRoles.MARKETING,
                        StaffRoles.SUPPORT,
                        StaffRoles.ACCOUNTANT,
                        StaffRoles.ADMIN))
                .containsExactlyElementsOf(
                        Arrays.stream(Role.values()).map(Role::name).toList());
    }
}
