package com.flash.backoffice.portal.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/** The API's routes as Spring MVC maps them, asked by path: which methods some route takes there. */
@Component
class ApiRoutes {

    private final ObjectProvider<RequestMappingHandlerMapping> routes;

    ApiRoutes(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> routes) {
        this.routes = routes;
    }

    /** True when some route (not the catch-all for unknown ones) has the request's path, whatever its method. */
    boolean has(HttpServletRequest request) {
        return !methodsOn(request).isEmpty();
    }

    /** The methods the routes take on the request's path; empty when none has it. */
    Set<RequestMethod> methodsOn(HttpServletRequest request) {
        if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
            // asked from a security filter, before the dispatcher parsed the path
            ServletRequestPathUtils.parseAndCache(request);
        }
        Set<RequestMethod> methods = new TreeSet<>();
        routes.getObject().getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            if (handler.getBeanType() == UnknownApiRoutes.class || info.getPathPatternsCondition() == null) {
                return;
            }
            if (info.getPathPatternsCondition().getMatchingCondition(request) != null) {
                Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
                methods.addAll(declared.isEmpty() ? EnumSet.allOf(RequestMethod.class) : declared);
            }
        });
        return methods;
    }
}
