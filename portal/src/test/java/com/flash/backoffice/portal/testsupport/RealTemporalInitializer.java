package com.flash.backoffice.portal.testsupport;

import com.flash.backoffice.workflows.testsupport.TemporalCliServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points the portal at a real Temporal server (the CLI's dev server, shared by the test JVM) instead of the Java
 * test server.
 */
public class RealTemporalInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("spring.temporal.connection.target="
                        + TemporalCliServer.shared().target())
                .applyTo(context);
    }
}
