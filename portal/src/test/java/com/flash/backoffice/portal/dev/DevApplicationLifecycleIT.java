package com.flash.backoffice.portal.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command's application in a child JVM, as Docker, systemd or a terminal stop it: SIGTERM stops the portal
 * (requests, watchers, workers) before the servers it started and exits in under 10 s without a stack trace; a start
 * that cannot get a port stops what it started and exits non-zero with one line naming the port and the setting.
 */
class DevApplicationLifecycleIT {

    private static final int SIGTERM_EXIT = 128 + 15;

    @TempDir
    Path home;

    private final List<DevProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(DevProcess::close);
    }

    @Test
    void sigterm_stops_the_portal_then_its_servers_in_under_ten_seconds_without_a_stack_trace() throws Exception {
        DevProcess.Ports ports = DevProcess.Ports.free();
        Path log = home.resolve("dev.log");
        Process dev = launch(ports, log);

        started.getLast().awaitLine(DevProcess.READY);
        HttpResponse<String> portal = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.portal() + "/dashboard"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(portal.statusCode()).as("the portal answers: to the login").isEqualTo(302);
        int linesBeforeStop = Files.readAllLines(log).size();

        long begin = System.nanoTime();
        dev.destroy(); // SIGTERM
        boolean exited = dev.waitFor(30, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        assertThat(exited).as("the application exits").isTrue();
        System.out.printf("SIGTERM to exit: %d ms%n", took.toMillis());
        assertThat(took).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(10));
        assertThat(dev.exitValue()).isEqualTo(SIGTERM_EXIT);
        List<String> stopping = Files.readAllLines(log)
                .subList(linesBeforeStop, Files.readAllLines(log).size());
        assertThat(stopping)
                .anyMatch(line -> line.contains("Stopping Flash: the portal first"))
                .anyMatch(line -> line.startsWith("Flash stopped in"))
                .noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception") || line.contains(" ERROR "));
        assertThat(String.join("\n", stopping).indexOf("watchers stopped"))
                .as("the watchers stop before the database does")
                .isLessThan(String.join("\n", stopping).indexOf("Flash stopped in"));
        for (int port : List.of(ports.mariaDb(), ports.temporal(), ports.keycloak(), ports.portal())) {
            assertThat(isFree(port)).as("port %d is released", port).isTrue();
        }
    }

    @Test
    void a_busy_port_ends_the_start_with_one_line_naming_the_port_and_the_setting_that_moves_it() throws Exception {
        DevProcess.Ports ports = DevProcess.Ports.free();
        Path log = home.resolve("busy.log");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.temporal()));
            Process dev = launch(ports, log);

            assertThat(dev.waitFor(DevProcess.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("the failed start exits")
                    .isTrue();

            assertThat(dev.exitValue()).isEqualTo(1);
            List<String> lines = Files.readAllLines(log);
            assertThat(lines)
                    .contains("Flash did not start: Port " + ports.temporal() + " for the development Temporal server"
                            + " is in use: stop what holds it, or move the server with FLASH_DEV_TEMPORAL_PORT=<port>"
                            + " (or use an external one with FLASH_TEMPORAL_TARGET).")
                    .noneMatch(line -> line.startsWith("\tat "));
            assertThat(isFree(ports.mariaDb()))
                    .as("the MariaDB it started first is stopped again")
                    .isTrue();
        }
    }

    private Process launch(DevProcess.Ports ports, Path log) throws IOException {
        DevProcess dev = DevProcess.launch(home, ports, log);
        started.add(dev);
        return dev.process();
    }

    private static boolean isFree(int port) {
        return DevProcess.isFree(port);
    }
}
