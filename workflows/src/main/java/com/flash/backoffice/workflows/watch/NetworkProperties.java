package com.flash.backoffice.workflows.watch;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code flash.network.simulated}: force the development-only simulated Bitcoin and Lightning network. */
@ConfigurationProperties("flash.network")
public record NetworkProperties(boolean simulated) {}
