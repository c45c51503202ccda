package com.flash.backoffice.portal.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Keycloak is. {@code issuerUri} is what the portal calls server to server; {@code publicIssuerUri}
 * is what the browser is sent to (they differ behind Docker networking or a proxy).
 */
@ConfigurationProperties("flash.oidc")
public record OidcProperties(String issuerUri, String publicIssuerUri) {

    public String browserIssuer() {
        return publicIssuerUri == null || publicIssuerUri.isBlank() ? issuerUri : publicIssuerUri;
    }
}
