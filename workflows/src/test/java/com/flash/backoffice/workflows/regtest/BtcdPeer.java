package com.flash.backoffice.workflows.regtest;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import wf.bitcoin.javabitcoindrpcclient.BitcoinJSONRPCClient;

/**
 * A second btcd of the regtest network, connected only to the main node, for reorgs (btcd 0.24 has no
 * {@code invalidateblock}): disconnect it, mine a longer chain on it, reconnect, and the main node switches to it.
 */
public final class BtcdPeer implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final RegtestProcess process;
    private final BitcoinJSONRPCClient rpc;
    private final String mainNode;
    private final Supplier<String> mainTip;

    BtcdPeer(RegtestProcess process, BitcoinJSONRPCClient rpc, String mainNode, Supplier<String> mainTip) {
        this.process = process;
        this.rpc = rpc;
        this.mainNode = mainNode;
        this.mainTip = mainTip;
    }

    /** Waits until this node's best block is the main node's. */
    public void waitSynced() {
        RegtestNetwork.waitFor(
                process.name() + " on the main node's tip",
                WAIT,
                () -> alive() && rpc.getBestBlockHash().equals(mainTip.get()));
    }

    /** Drops the connection to the main node and waits until this node has no peer. */
    public void disconnect() {
        rpc.query("node", "remove", mainNode);
        RegtestNetwork.waitFor(
                process.name() + " without peers",
                WAIT,
                () -> alive() && rpc.getPeerInfo().isEmpty());
    }

    /** Connects to the main node again and waits until both have the same best block. */
    public void reconnect() {
        rpc.query("node", "connect", mainNode, "perm");
        waitSynced();
    }

    /** Mines {@code blocks} blocks on this node alone (coinbases to a key of its own); returns their hashes. */
    public List<String> mine(int blocks) {
        return rpc.generate(blocks);
    }

    public String sendRawTransaction(String hex) {
        return rpc.sendRawTransaction(hex);
    }

    public List<String> mempool() {
        return rpc.getRawMemPool();
    }

    public String bestBlockHash() {
        return rpc.getBestBlockHash();
    }

    private boolean alive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(process + " exited");
        }
        return true;
    }

    /** Stops this btcd (by its PID); the main node keeps running. */
    @Override
    public void close() {
        process.stop(10);
    }
}
