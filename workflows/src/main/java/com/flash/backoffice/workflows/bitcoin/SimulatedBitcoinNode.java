package com.flash.backoffice.workflows.bitcoin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEVELOPMENT ONLY: an in-memory chain without proof of work, money or peers. {@link #payTo} puts a transaction in
 * the mempool, {@link #mine} confirms it, {@link #disconnect} stages a reorg. It announces itself loudly at
 * creation; never use it for real payments.
 */
public final class SimulatedBitcoinNode implements BitcoinNode {

    private static final Logger log = LoggerFactory.getLogger(SimulatedBitcoinNode.class);

    private final List<ChainBlock> chain = new ArrayList<>();
    private final Map<String, ChainBlock> blocksByHash = new HashMap<>();
    private final Map<String, ChainTransaction> mempool = new LinkedHashMap<>();
    private long counter;

    public SimulatedBitcoinNode() {
        log.warn("SIMULATED Bitcoin network — development only: payments are not real and nothing is verified");
        append(List.of());
    }

    /** Puts a non-RBF transaction paying {@code sats} to {@code address} in the mempool; returns its txid. */
    public String payTo(String address, long sats) {
        return payTo(address, sats, false);
    }

    public synchronized String payTo(String address, long sats, boolean rbf) {
        if (sats <= 0) {
            throw new IllegalArgumentException("sats must be positive: " + sats);
        }
        String txid = nextHash("tx");
        ChainTransaction tx =
                new ChainTransaction(txid, List.of(new ChainOutput(txid, 0, address, sats)), rbf, null, 0);
        mempool.put(txid, tx);
        return txid;
    }

    /**
     * Puts a non-RBF transaction with one output per entry (in the map's order, vout 0, 1, ...) in the mempool, as a
     * wallet's batch; returns its txid.
     */
    public synchronized String payToAll(Map<String, Long> satsByAddress) {
        if (satsByAddress.isEmpty() || satsByAddress.values().stream().anyMatch(sats -> sats <= 0)) {
            throw new IllegalArgumentException("every output needs positive sats: " + satsByAddress);
        }
        String txid = nextHash("tx");
        List<ChainOutput> outputs = new ArrayList<>();
        satsByAddress.forEach((address, sats) -> outputs.add(new ChainOutput(txid, outputs.size(), address, sats)));
        mempool.put(txid, new ChainTransaction(txid, outputs, false, null, 0));
        return txid;
    }

    /** Mines {@code blocks} blocks; the first one takes the whole mempool. Returns their hashes. */
    public synchronized List<String> mine(int blocks) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            List<ChainTransaction> included = new ArrayList<>(mempool.values());
            mempool.clear();
            hashes.add(append(included).hash());
        }
        return hashes;
    }

    /** Mines {@code blocks} blocks that leave the mempool alone. */
    public synchronized List<String> mineEmpty(int blocks) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            hashes.add(append(List.of()).hash());
        }
        return hashes;
    }

    /**
     * Disconnects the last {@code blocks} blocks, as a reorg does before connecting the other branch. Their
     * transactions go back to the mempool, or vanish ({@code returnToMempool} false: replaced by a double
     * spend). The disconnected blocks stay readable by hash.
     */
    public synchronized void disconnect(int blocks, boolean returnToMempool) {
        if (blocks >= chain.size()) {
            throw new IllegalArgumentException("cannot disconnect the genesis block");
        }
        for (int i = 0; i < blocks; i++) {
            ChainBlock removed = chain.remove(chain.size() - 1);
            if (returnToMempool) {
                removed.transactions().forEach(tx -> mempool.put(tx.txid(), tx.inBlock(null, 0)));
            }
        }
    }

    /** Removes a transaction from the mempool, as a conflicting transaction would. */
    public synchronized void dropFromMempool(String txid) {
        mempool.remove(txid);
    }

    @Override
    public synchronized long blockCount() {
        return chain.size() - 1L;
    }

    @Override
    public synchronized String blockHash(long height) {
        if (height < 0 || height >= chain.size()) {
            throw new BitcoinNodeException("Block height out of range: " + height);
        }
        return chain.get((int) height).hash();
    }

    @Override
    public synchronized ChainBlock block(String hash) {
        ChainBlock block = blocksByHash.get(hash);
        if (block == null) {
            throw new BitcoinNodeException("Block not found: " + hash);
        }
        return block;
    }

    @Override
    public synchronized String previousBlockHash(String hash) {
        return block(hash).previousHash();
    }

    @Override
    public synchronized List<String> mempoolTransactionIds() {
        return List.copyOf(mempool.keySet());
    }

    @Override
    public synchronized ChainTransaction transaction(String txid) {
        ChainTransaction pending = mempool.get(txid);
        if (pending != null) {
            return pending;
        }
        for (ChainBlock block : chain) {
            for (ChainTransaction tx : block.transactions()) {
                if (tx.txid().equals(txid)) {
                    return tx.inBlock(block.hash(), chain.size() - block.height());
                }
            }
        }
        throw new TransactionNotFoundException(txid, null);
    }

    private ChainBlock append(List<ChainTransaction> transactions) {
        String previous = chain.isEmpty() ? null : chain.get(chain.size() - 1).hash();
        String hash = nextHash("block");
        ChainBlock block = new ChainBlock(
                hash,
                chain.size(),
                previous,
                transactions.stream().map(tx -> tx.inBlock(hash, 1)).toList());
        chain.add(block);
        blocksByHash.put(hash, block);
        return block;
    }

    private String nextHash(String kind) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind + ":" + (counter++) + ":" + System.identityHashCode(this))
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
