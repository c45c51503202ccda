package com.flash.backoffice.portal.dev;

import com.flash.backoffice.portal.FlashApplication;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

/**
 * The embedded-defaults entry point behind {@code ./mvnw spring-boot:test-run}: starts the development
 * servers, then the portal against them, then prints where everything is and how to log in.
 */
public final class DevFlashApplication {

    private static final Logger log = LoggerFactory.getLogger(DevFlashApplication.class);
    private static final String[] DEMO_USERS = {"finance", "treasurer", "marketing", "support", "accountant", "admin"};

    private DevFlashApplication() {}

    public static void main(String[] args) {
        long started = System.nanoTime();
        Path home = Path.of(System.getProperty("flash.dev.home", ".flash"))
                .toAbsolutePath()
                .normalize();
        int port = Integer.parseInt(System.getProperty("server.port", "8080"));
        String portalUrl = "http://127.0.0.1:" + port;
        DevServices dev = DevServices.start(home, new StandardEnvironment(), portalUrl);

        // system properties outrank application.yml, whose defaults point at external servers
        dev.properties.forEach(System::setProperty);
        SpringApplication.run(FlashApplication.class, args);

        StringBuilder banner = new StringBuilder("\n\n  Flash back office is ready: ")
                .append(portalUrl)
                .append("  (started in ")
                .append((System.nanoTime() - started) / 1_000_000)
                .append(" ms)\n");
        dev.banner.forEach(line -> banner.append("  ").append(line).append('\n'));
        banner.append("  Demo logins (user / password):");
        for (String user : DEMO_USERS) {
            banner.append(' ').append(user).append(" / ").append(user).append(';');
        }
        log.info(banner.append('\n').toString());
    }
}
