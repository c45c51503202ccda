package com.flash.backoffice.workflows.regtest;

import java.nio.file.Path;
import org.lightningj.lnd.wrapper.SynchronousLndAPI;

/**
 * One LND of the regtest network: where to reach its gRPC interface and the files a client needs.
 *
 * @param name "customer" or "merchant"
 * @param host always 127.0.0.1
 * @param grpcPort the gRPC (RPC) port
 * @param p2pPort the Lightning peer port
 * @param tlsCert LND's self-signed TLS certificate (trust it, the host is an IP in its SAN)
 * @param adminMacaroon the admin macaroon
 * @param pubkey the node's identity public key (hex)
 * @param api an open lightningj synchronous client, closed by the harness
 */
public record LndNode(
        String name,
        String host,
        int grpcPort,
        int p2pPort,
        Path tlsCert,
        Path adminMacaroon,
        String pubkey,
        SynchronousLndAPI api) {

    /** Opens a new synchronous client on this node; the caller closes it. */
    public SynchronousLndAPI newApi() {
        try {
            return new SynchronousLndAPI(host, grpcPort, tlsCert.toFile(), adminMacaroon.toFile());
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot connect lightningj to " + name + " LND at " + host + ":" + grpcPort, e);
        }
    }
}
