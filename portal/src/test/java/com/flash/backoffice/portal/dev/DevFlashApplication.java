package com.flash.backoffice.portal.dev;

import com.flash.backoffice.portal.FlashApplication;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
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
        int port = Integer.parseInt(
                System.getProperty("server.port", System.getenv().getOrDefault("PORT", "8080")));
        String portalUrl = "http://127.0.0.1:" + port;
        DevServices dev;
        try {
            DevPort.requireFree(
                    port,
                    "Port " + port + " for the portal is in use: stop what holds it, or move the"
                            + " portal with PORT=<port>.");
            dev = DevServices.start(home, new StandardEnvironment(), portalUrl);
        } catch (DevStartException e) {
            System.err.println("Flash did not start: " + e.getMessage());
            System.exit(1);
            return;
        }

        // system properties outrank application.yml, whose defaults point at external servers
        dev.properties.forEach(System::setProperty);
        SpringApplication application = new SpringApplication(FlashApplication.class);
        // one hook stops everything in order: the portal (requests, watchers, workers) first, then its servers
        application.setRegisterShutdownHook(false);
        ConfigurableApplicationContext context;
        try {
            context = application.run(args);
        } catch (RuntimeException e) {
            // Spring Boot has printed why (its failure analysis); what the servers started must not outlive it
            dev.close();
            System.err.println("Flash did not start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(context, dev), "flash-dev-stop"));

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

    private static void stop(ConfigurableApplicationContext context, DevServices dev) {
        long begin = System.nanoTime();
        log.info("Stopping Flash: the portal first, then its development servers");
        context.close();
        dev.close();
        System.out.println("Flash stopped in " + (System.nanoTime() - begin) / 1_000_000 + " ms");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
