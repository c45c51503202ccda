package com.flash.backoffice.workflows.bitcoin;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import wf.bitcoin.javabitcoindrpcclient.BitcoinJSONRPCClient;

/**
 * bitcoin-rpc-client sending {@code "jsonrpc":"1.0"} in every request. bitcoin-rpc-client 1.2.4 leaves the member
 * out; Bitcoin Core accepts that, btcd answers HTTP 200 with an empty body. Core accepts the member as well, so
 * it is always sent.
 */
class JsonRpc10Client extends BitcoinJSONRPCClient {

    JsonRpc10Client(URL rpcUrl) {
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
