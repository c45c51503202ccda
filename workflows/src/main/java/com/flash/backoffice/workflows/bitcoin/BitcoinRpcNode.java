package com.flash.backoffice.workflows.bitcoin;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import wf.bitcoin.javabitcoindrpcclient.BitcoinJSONRPCClient;
import wf.bitcoin.javabitcoindrpcclient.BitcoinRPCException;
import wf.bitcoin.javabitcoindrpcclient.GenericRpcException;
import wf.bitcoin.krotjson.JSON;

/**
 * {@link BitcoinNode} over Bitcoin Core's JSON-RPC with bitcoin-rpc-client; also works against btcd, whose
 * answers differ for the calls used here:
 *
 * <ul>
 *   <li>requests need {@code "jsonrpc":"1.0"} ({@link JsonRpc10Client});
 *   <li>{@code getblock} takes an integer verbosity only (2 is sent), and btcd returns the decoded transactions
 *       of verbosity 2 under {@code rawtx} where Core uses {@code tx};
 *   <li>{@code getrawtransaction} takes an integer verbosity (1 is sent; Core accepts it too);
 *   <li>an output's address is {@code scriptPubKey.addresses[0]} on btcd (and Core before 22),
 *       {@code scriptPubKey.address} on Core 22+;
 *   <li>btcd's {@code getblock} fails for a stale block ("not in the main chain"); {@code getblockheader <hash>
 *       false} (the raw 80-byte header) works for any block both know, so the previous hash is read from that;
 *   <li>btcd writes whole BTC amounts without a fraction ({@code 10}) and small ones with an exponent
 *       ({@code 1e-08}): {@link BtcAmounts} reads all of them exactly.
 * </ul>
 */
public final class BitcoinRpcNode implements BitcoinNode {

    /** Bitcoin Core's and btcd's RPC_INVALID_ADDRESS_OR_KEY: "No such mempool or blockchain transaction". */
    private static final int NO_SUCH_TRANSACTION = -5;

    private static final int HEADER_HEX_LENGTH = 160;

    private final BitcoinJSONRPCClient rpc;

    public BitcoinRpcNode(BitcoinRpcProperties properties) {
        Objects.requireNonNull(properties, "properties");
        if (!properties.configured()) {
            throw new IllegalArgumentException("flash.bitcoin.rpc.url is not set");
        }
        rpc = new JsonRpc10Client(withCredentials(properties));
        if (properties.tlsCertPath() != null) {
            PinnedCertificate pinned = PinnedCertificate.load(properties.tlsCertPath());
            rpc.setSslSocketFactory(pinned.socketFactory());
            rpc.setHostnameVerifier(pinned.hostnameVerifier());
        }
    }

    @Override
    public long blockCount() {
        return asLong(call("getblockcount"), "getblockcount");
    }

    @Override
    public String blockHash(long height) {
        return (String) call("getblockhash", height);
    }

    @Override
    public ChainBlock block(String hash) {
        Map<?, ?> block = (Map<?, ?>) call("getblock", hash, 2);
        long confirmations = Math.max(0, asLong(block.get("confirmations"), "confirmations"));
        String blockHash = (String) block.get("hash");
        List<ChainTransaction> transactions = new ArrayList<>();
        for (Object tx : blockTransactions(block)) {
            ChainTransaction parsed = tx instanceof Map<?, ?> decoded
                    ? RpcTransactions.parse(decoded)
                    : transaction((String) tx); // verbosity 2 not honoured: read each one
            transactions.add(parsed.inBlock(blockHash, confirmations));
        }
        return new ChainBlock(
                blockHash,
                asLong(block.get("height"), "height"),
                (String) block.get("previousblockhash"),
                transactions);
    }

    @Override
    public String previousBlockHash(String hash) {
        String header = (String) call("getblockheader", hash, false);
        if (header.length() != HEADER_HEX_LENGTH) {
            throw new BitcoinNodeException("getblockheader " + hash + ": not an 80-byte header: " + header);
        }
        // version (4 bytes), then the previous block's hash in internal byte order: displayed reversed
        byte[] previous = HexFormat.of().parseHex(header, 8, 72);
        for (int i = 0, j = previous.length - 1; i < j; i++, j--) {
            byte swap = previous[i];
            previous[i] = previous[j];
            previous[j] = swap;
        }
        return HexFormat.of().formatHex(previous);
    }

    @Override
    public List<String> mempoolTransactionIds() {
        List<?> ids = (List<?>) call("getrawmempool");
        return ids.stream().map(String.class::cast).toList();
    }

    @Override
    public ChainTransaction transaction(String txid) {
        try {
            return RpcTransactions.parse((Map<?, ?>) rpc.query("getrawtransaction", txid, 1));
        } catch (BitcoinRPCException e) {
            if (rpcErrorCode(e) == NO_SUCH_TRANSACTION) {
                throw new TransactionNotFoundException(txid, e);
            }
            throw new BitcoinNodeException("getrawtransaction " + txid + " failed: " + e.getMessage(), e);
        } catch (GenericRpcException e) {
            throw new BitcoinNodeException("getrawtransaction " + txid + " failed: " + e.getMessage(), e);
        }
    }

    /** Core: {@code tx} holds objects (verbosity 2); btcd: {@code rawtx} holds them and {@code tx} the ids. */
    private static List<?> blockTransactions(Map<?, ?> block) {
        Object rawtx = block.get("rawtx");
        if (rawtx instanceof List<?> decoded && !decoded.isEmpty()) {
            return decoded;
        }
        Object tx = block.get("tx");
        return tx instanceof List<?> list ? list : List.of();
    }

    /**
     * The JSON-RPC error code: btcd answers errors with HTTP 200 (bitcoin-rpc-client parses the error), Bitcoin Core
     * with HTTP 500 or 404 (bitcoin-rpc-client keeps only the body, parsed here).
     */
    static int rpcErrorCode(BitcoinRPCException e) {
        try {
            if (e.getResponse() != null
                    && JSON.parse(e.getResponse()) instanceof Map<?, ?> body
                    && body.get("error") instanceof Map<?, ?> error
                    && error.get("code") instanceof Number code) {
                return code.intValue();
            }
        } catch (RuntimeException unreadable) {
            // not JSON: try the parsed error
        }
        return e.getRPCError() == null ? 0 : e.getRPCError().getCode();
    }

    private Object call(String method, Object... params) {
        try {
            Object result = rpc.query(method, params);
            if (result == null) {
                throw new BitcoinNodeException(method + " returned nothing");
            }
            return result;
        } catch (GenericRpcException e) {
            throw new BitcoinNodeException(method + " failed: " + e.getMessage(), e);
        }
    }

    static long asLong(Object value, String what) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new BitcoinNodeException("expected a number for " + what + ", got " + value);
    }

    private static URL withCredentials(BitcoinRpcProperties properties) {
        URI url = properties.url();
        try {
            String userInfo = properties.user() == null
                    ? url.getUserInfo()
                    : properties.user() + ":" + (properties.password() == null ? "" : properties.password());
            String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
            return new URI(url.getScheme(), userInfo, url.getHost(), url.getPort(), path, null, null).toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalArgumentException("invalid flash.bitcoin.rpc.url: " + url, e);
        }
    }
}
