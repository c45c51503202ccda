package com.flash.backoffice.portal.dev;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A port a development server listens on: {@code defaultPort}, or what {@code variable} (or the system property of
 * the same name in lower case with dots, such as {@code flash.dev.temporal-port}) says.
 */
record DevPort(String server, String variable, int defaultPort, String externalVariable) {

    int port() {
        String property =
                variable.toLowerCase().replace("flash_dev_", "flash.dev.").replace('_', '-');
        String value = System.getProperty(property, System.getenv(variable));
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new DevStartException(variable + "=" + value + " is not a port number.");
        }
    }

    /** The port, once it is known to be free; else the one line that names it and the setting that moves it. */
    int free() {
        int port = port();
        requireFree(
                port,
                "Port " + port + " for the development " + server + " server is in use: stop what holds it, or move"
                        + " the server with " + variable + "=<port> (or use an external one with " + externalVariable
                        + ").");
        return port;
    }

    static void requireFree(int port, String busyMessage) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException busy) {
            throw new DevStartException(busyMessage);
        }
    }
}
