package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.workflows.bitcoin.BitcoinRpcProperties;
import com.flash.backoffice.workflows.lightning.LndProperties;
import java.util.UUID;

/**
 * Whether the back office talks to real nodes or to the development-only simulated network, and the node ids the
 * watchers keep cursors under (a simulated network lives in memory, so each start gets new ids). The portal shows
 * a banner when {@link #simulated()}.
 */
public record NetworkMode(boolean simulated, String reason, String bitcoinNodeId, String lightningNodeId) {

    /**
     * Simulated only when selected ({@code flash.network.simulated=true}, as the development application does); real
     * when both the Bitcoin RPC URL and the LND host are set; no node, or half a setup, is refused at start with the
     * missing settings named, so a production start can never fall back to play money.
     */
    public static NetworkMode decide(
            NetworkProperties network, BitcoinRpcProperties bitcoin, LndProperties lnd, WatcherProperties watchers) {
        if (network.simulated()) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            return new NetworkMode(
                    true, "flash.network.simulated=true", "simulated-bitcoin-" + run, "simulated-lightning-" + run);
        }
        if (!bitcoin.configured() && !lnd.configured()) {
            throw new IllegalStateException("No Bitcoin node and no LND configured: set FLASH_BITCOIN_RPC_URL,"
                    + " FLASH_BITCOIN_RPC_USER, FLASH_BITCOIN_RPC_PASSWORD, FLASH_LND_HOST, FLASH_LND_PORT,"
                    + " FLASH_LND_TLS_CERT_PATH and FLASH_LND_MACAROON_PATH, or FLASH_NETWORK_SIMULATED=true for"
                    + " development");
        }
        if (!bitcoin.configured()) {
            throw new IllegalStateException(
                    "LND is configured but no Bitcoin node: set FLASH_BITCOIN_RPC_URL (flash.bitcoin.rpc.url),"
                            + " or flash.network.simulated=true for development");
        }
        if (!lnd.configured()) {
            throw new IllegalStateException("A Bitcoin node is configured but no LND: set FLASH_LND_HOST,"
                    + " FLASH_LND_PORT, FLASH_LND_TLS_CERT_PATH and FLASH_LND_MACAROON_PATH (flash.lnd.*),"
                    + " or flash.network.simulated=true for development");
        }
        lnd.requireComplete();
        return new NetworkMode(false, "configured nodes", watchers.bitcoinNodeId(), watchers.lightningNodeId());
    }
}
