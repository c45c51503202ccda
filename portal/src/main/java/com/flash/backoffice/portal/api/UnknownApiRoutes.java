package com.flash.backoffice.portal.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every {@code /api/} request that no API route takes: without it the portal's catch-all (Vaadin) answered 200 with
 * its HTML page. A path that some route has, asked with another method, is 405 with {@code Allow}; any other is 404;
 * both with Greenfield's error body; {@code OPTIONS} on a route's path is 200 with {@code Allow}. Routes are more
 * specific than this pattern, so they always win. An unknown path needs no key (see {@link ApiSecurityConfiguration}):
 * it is 404 for everyone.
 */
@GreenfieldApi
@RestController
class UnknownApiRoutes {

    static final String PATTERN = "/api/**";

    private final ApiRoutes routes;

    UnknownApiRoutes(ApiRoutes routes) {
        this.routes = routes;
    }

    /** Every method named: a mapping that names none leaves OPTIONS to Spring, which answered 200 for any path. */
    @RequestMapping(
            value = PATTERN,
            method = {
                RequestMethod.GET,
                RequestMethod.HEAD,
                RequestMethod.POST,
                RequestMethod.PUT,
                RequestMethod.PATCH,
                RequestMethod.DELETE,
                RequestMethod.OPTIONS,
                RequestMethod.TRACE
            })
    ResponseEntity<ApiError> unknown(HttpServletRequest request) {
        Set<RequestMethod> allowed = routes.methodsOn(request);
        if (allowed.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(new ApiError(
                            "not-found", "No API route " + request.getMethod() + " " + request.getRequestURI()));
        }
        String allow = allowed.stream().map(Enum::name).collect(Collectors.joining(", "));
        if (RequestMethod.OPTIONS.name().equals(request.getMethod())) {
            return ResponseEntity.ok().header(HttpHeaders.ALLOW, allow).build();
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .header(HttpHeaders.ALLOW, allow)
                .body(new ApiError(
                        "method-not-allowed",
                        request.getRequestURI() + " does not take " + request.getMethod() + "; it takes " + allow));
    }
}
