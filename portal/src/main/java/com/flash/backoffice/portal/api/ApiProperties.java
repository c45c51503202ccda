package com.flash.backoffice.portal.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flash.api.public-base-url}: the portal's public address for links the API returns (checkoutLink);
 * blank takes the address the request came to.
 */
@ConfigurationProperties("flash.api")
public record ApiProperties(String publicBaseUrl) {}
