package com.flash.backoffice.portal.testsupport;

import com.flash.backoffice.portal.FlashApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The whole portal (no HTTP server) against real MariaDB and Temporal; one context shared by the suite. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = FlashApplication.class)
@ContextConfiguration(initializers = TestServersInitializer.class)
public @interface PortalSpringTest {}
