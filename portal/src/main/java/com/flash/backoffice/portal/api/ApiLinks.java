package com.flash.backoffice.portal.api;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Absolute links the API hands out. */
@Component
public class ApiLinks {

    private final ApiProperties properties;

    ApiLinks(ApiProperties properties) {
        this.properties = properties;
    }

    /** The public checkout page of an invoice: {@code <portal base>/i/<invoiceId>}. */
    public String checkout(String invoiceId) {
        return base() + "/i/" + invoiceId;
    }

    private String base() {
        String configured = properties.publicBaseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
