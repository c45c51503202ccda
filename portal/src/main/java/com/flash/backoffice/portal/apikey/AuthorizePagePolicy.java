package com.flash.backoffice.portal.apikey;

import com.flash.backoffice.portal.security.PagePolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The authorize page posts the approved key to the application's {@code redirect}: its form may target that origin. */
@Component
class AuthorizePagePolicy implements PagePolicy {

    static final String PATH = "/api-keys/authorize";

    @Override
    public Optional<String> formAction(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())
                || !PATH.equals(request.getRequestURI()
                        .substring(request.getContextPath().length()))) {
            return Optional.empty();
        }
        Map<String, List<String>> query = request.getParameterMap().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> Arrays.asList(entry.getValue())));
        URI redirect = AuthorizationRequest.parse(query).redirect();
        return Optional.ofNullable(redirect).map(AuthorizePagePolicy::origin);
    }

    private static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
