package com.flash.backoffice.workflows.bitcoin;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flash.bitcoin.rpc.*}: the full node's JSON-RPC endpoint (env {@code FLASH_BITCOIN_RPC_URL},
 * {@code FLASH_BITCOIN_RPC_USER}, {@code FLASH_BITCOIN_RPC_PASSWORD}). {@code tlsCertPath}
 * ({@code FLASH_BITCOIN_RPC_TLS_CERT_PATH}) pins a self-signed certificate for an https URL, as btcd serves.
 */
@ConfigurationProperties("flash.bitcoin.rpc")
public record BitcoinRpcProperties(URI url, String user, String password, Path tlsCertPath) {

    public BitcoinRpcProperties {
        user = blankToNull(user);
        password = blankToNull(password);
        url = url == null || url.toString().isBlank() ? null : url;
        tlsCertPath = tlsCertPath == null || tlsCertPath.toString().isBlank() ? null : tlsCertPath;
    }

    public boolean configured() {
        return url != null;
    }

    @Override
    public String toString() {
        return "BitcoinRpcProperties[url=" + url + ", user=" + user + ", password=" + (password == null ? "" : "***")
                + ", tlsCertPath=" + tlsCertPath + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
