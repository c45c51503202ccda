package com.flash.backoffice.portal.testsupport;

import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * The suite keeps several application contexts alive (the shared one, the one with a real port for browsers and the
 * Node client, the one on a real Temporal server). Each installs its own Vaadin-aware security-context strategy as
 * the JVM-wide one, with its own thread-local, and its method security reads that instance. Before every test, make
 * the JVM-wide strategy the one of the context under test, so what a test or a filter puts in the security context is
 * what the services see, whatever context started last.
 */
public class SecurityContextStrategyListener implements TestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        ApplicationContext context = testContext.getApplicationContext();
        SecurityContextHolderStrategy strategy =
                context.getBeanProvider(SecurityContextHolderStrategy.class).getIfAvailable();
        if (strategy != null && SecurityContextHolder.getContextHolderStrategy() != strategy) {
            SecurityContextHolder.setContextHolderStrategy(strategy);
        }
    }
}
