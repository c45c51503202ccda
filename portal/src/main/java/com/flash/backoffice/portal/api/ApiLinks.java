package com.flash.backoffice.portal.api;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Absolute links the API hands out. */
@Component
public class ApiLinks {

    private final ApiProperties properties;
    private final int port;

    ApiLinks(
            ApiProperties properties,
            @org.springframework.beans.factory.annotation.Value("${server.port:8080}") int port) {
        this.properties = properties;
        this.port = port;
    }

    /** The public checkout page of an invoice: {@code <portal base>/i/<invoiceId>}. */
    public String checkout(String invoiceId) {
        return base() + "/i/" + invoiceId;
    }

    /** Where a pay button posts: {@code <portal base>/api/v1/invoices}. */
    public String payButtonAction() {
        return base() + "/api/v1/invoices";
    }

    /** The portal's public address: configured, else the address of the current request, else this server. */
    public String base() {
        String configured = properties.publicBaseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        try {
            return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        } catch (IllegalStateException outsideARequest) {
            return "http://127.0.0.1:" + port;
        }
    }
}
