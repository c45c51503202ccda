package com.flash.backoffice.portal.api;

import com.flash.backoffice.db.apikey.ApiKey;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by {@code Authorization: token <apiKey>}. Its name, {@code apikey:<id>}, is the actor
 * the audit log records; its authorities are {@link #AUTHORITY} and the key's permissions as given.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    public static final String AUTHORITY = "API_KEY";

    private final ApiKey key;

    public ApiKeyAuthentication(ApiKey key) {
        super(authorities(key));
        this.key = key;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(ApiKey key) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(AUTHORITY));
        key.permissions().forEach(permission -> authorities.add(new SimpleGrantedAuthority(permission)));
        return authorities;
    }

    public ApiKey key() {
        return key;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return getName();
    }

    @Override
    public String getName() {
        return "apikey:" + key.id();
    }
}
