package com.flash.backoffice.portal.api;

import com.flash.backoffice.db.apikey.ApiKey;
import com.flash.backoffice.db.apikey.ApiKeyRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Greenfield's {@code Authorization: token <apiKey>}: a known, unrevoked key authenticates the request; any
 * other value of that scheme (unknown, revoked or expired) is answered 401 at once. The key's "last used" is noted
 * at most once a minute. Without the header the request stays anonymous.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String SCHEME = "token ";

    private final ApiKeyRepository keys;
    private final ApiErrorWriter errors;

    ApiKeyAuthenticationFilter(ApiKeyRepository keys, ApiErrorWriter errors) {
        this.keys = keys;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKey> key;
        try {
            key = keys.findActiveByPlaintext(header.substring(SCHEME.length()).strip());
            if (key.isPresent()) {
                keys.noteUse(key.get(), Instant.now());
            }
        } catch (RuntimeException e) {
            if (!ServiceUnavailable.causedBy(e)) {
                throw e;
            }
            errors.unavailable(response);
            return;
        }
        if (key.isEmpty()) {
            errors.write(response, 401, ApiSecurityConfiguration.UNAUTHENTICATED);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(key.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
