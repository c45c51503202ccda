package com.flash.backoffice.portal.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes a Greenfield error body from a filter, where no controller advice runs. */
final class ApiErrorWriter {

    private final JsonMapper json;

    ApiErrorWriter(JsonMapper json) {
        this.json = json;
    }

    /** 503 with Retry-After, for a filter whose database lookup found the database gone. */
    void unavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", Long.toString(ServiceUnavailable.RETRY_AFTER_SECONDS));
        write(response, 503, new ApiError(ServiceUnavailable.CODE, ServiceUnavailable.MESSAGE));
    }

    void write(HttpServletResponse response, int status, ApiError error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write(json.writeValueAsString(error));
    }
}
