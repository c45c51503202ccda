package com.flash.backoffice.workflows.lightning;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flash.lnd.*}: the LND gRPC endpoint, its TLS certificate and a macaroon file (env {@code FLASH_LND_HOST},
 * {@code FLASH_LND_PORT}, {@code FLASH_LND_TLS_CERT_PATH}, {@code FLASH_LND_MACAROON_PATH}).
 */
@ConfigurationProperties("flash.lnd")
public record LndProperties(String host, Integer port, Path tlsCertPath, Path macaroonPath) {

    public LndProperties {
        host = host == null || host.isBlank() ? null : host.strip();
        tlsCertPath = tlsCertPath == null || tlsCertPath.toString().isBlank() ? null : tlsCertPath;
        macaroonPath = macaroonPath == null || macaroonPath.toString().isBlank() ? null : macaroonPath;
    }

    public boolean configured() {
        return host != null;
    }

    /** Throws naming what is missing when only part of the connection is set. */
    public void requireComplete() {
        if (port == null || tlsCertPath == null || macaroonPath == null) {
            throw new IllegalStateException("flash.lnd.host is set, so flash.lnd.port (FLASH_LND_PORT), "
                    + "flash.lnd.tls-cert-path (FLASH_LND_TLS_CERT_PATH) and flash.lnd.macaroon-path "
                    + "(FLASH_LND_MACAROON_PATH) must be set too");
        }
    }
}
