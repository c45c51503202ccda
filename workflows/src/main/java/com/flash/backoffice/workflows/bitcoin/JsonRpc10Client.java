package com.flash.backoffice.workflows.bitcoin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import wf.bitcoin.javabitcoindrpcclient.BitcoinJSONRPCClient;
import wf.bitcoin.javabitcoindrpcclient.BitcoinRPCError;
import wf.bitcoin.javabitcoindrpcclient.BitcoinRPCException;

/**
 * bitcoin-rpc-client 1.2.4 with two fixes:
 *
 * <ul>
 *   <li>every request carries {@code "jsonrpc":"1.0"}: bitcoin-rpc-client leaves the member out; Bitcoin Core
 *       accepts that, btcd answers HTTP 200 with an empty body. Core accepts the member as well.
 *   <li>responses are read with Jackson: bitcoin-rpc-client's own parser (krotjson) takes time quadratic in the
 *       response's length (a 2.4 MB {@code getblock} took a minute; a mainnet block at verbosity 2 is 5-10 MB, a
 *       full mempool's {@code getrawmempool} as much). Numbers come out as krotjson gives them: integers as
 *       {@link Long} (or {@link java.math.BigInteger}), fractions and exponents as {@link java.math.BigDecimal},
 *       so amounts stay exact.
 * </ul>
 */
class JsonRpc10Client extends BitcoinJSONRPCClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

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

    /** As bitcoin-rpc-client's: the id must match, an {@code error} member throws, else the {@code result}. */
    @Override
    public Object loadResponse(InputStream in, Object expectedId, boolean close) throws IOException {
        try {
            Map<String, Object> response;
            try {
                response = JSON.readValue(in, OBJECT);
            } catch (JacksonException e) {
                throw new BitcoinRPCException("Invalid server response format: " + e.getOriginalMessage(), e);
            }
            if (response == null) {
                throw new BitcoinRPCException("Invalid server response format: no JSON object");
            }
            if (!Objects.equals(expectedId, response.get("id"))) {
                throw new BitcoinRPCException(
                        "Wrong response ID (expected: " + expectedId + ", response: " + response.get("id") + ")");
            }
            if (response.get("error") != null) {
                throw new BitcoinRPCException(new BitcoinRPCError(response));
            }
            return response.get("result");
        } finally {
            if (close) {
                in.close();
            }
        }
    }
}
