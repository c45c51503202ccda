package com.flash.backoffice.workflows.regtest;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import wf.bitcoin.javabitcoindrpcclient.BitcoinJSONRPCClient;

/**
 * bitcoin-rpc-client adapted to btcd: bitcoin-rpc-client 1.2.4 sends JSON-RPC requests without a
 * {@code "jsonrpc"} member, which Bitcoin Core accepts but btcd 0.24 answers with HTTP 200 and an empty body
 * (its reply marshaller rejects the empty protocol version; {@code --rpcquirks} does not change that). This client
 * adds {@code "jsonrpc":"1.0"} to every request; everything else is bitcoin-rpc-client as is.
 */
public class BtcdRpcClient extends BitcoinJSONRPCClient {

    public BtcdRpcClient(URL rpcUrl) {
        super(rpcUrl);
    }

    @Override
    protected byte[] prepareRequest(String method, Object... params) {
        String json = new String(super.prepareRequest(method, params), StandardCharsets.UTF_8).strip();
        if (!json.startsWith("{") || json.contains("\"jsonrpc\"")) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        return ("{\"jsonrpc\":\"1.0\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
    }
}
