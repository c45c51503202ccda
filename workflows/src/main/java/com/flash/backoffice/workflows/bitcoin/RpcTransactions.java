package com.flash.backoffice.workflows.bitcoin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a decoded transaction of {@code getrawtransaction} (verbose) or {@code getblock} (verbosity 2). */
final class RpcTransactions {

    private RpcTransactions() {}

    static ChainTransaction parse(Map<?, ?> tx) {
        String txid = (String) tx.get("txid");
        if (txid == null) {
            throw new BitcoinNodeException("a transaction without txid: " + tx);
        }
        boolean rbf = false;
        for (Object input : list(tx.get("vin"))) {
            Object sequence = ((Map<?, ?>) input).get("sequence");
            if (sequence instanceof Number number && ChainTransaction.signalsRbf(number.longValue())) {
                rbf = true;
            }
        }
        List<ChainOutput> outputs = new ArrayList<>();
        for (Object item : list(tx.get("vout"))) {
            Map<?, ?> output = (Map<?, ?>) item;
            outputs.add(new ChainOutput(
                    txid,
                    (int) BitcoinRpcNode.asLong(output.get("n"), "vout n"),
                    address((Map<?, ?>) output.get("scriptPubKey")),
                    BtcAmounts.toSats(output.get("value"))));
        }
        String blockHash = (String) tx.get("blockhash");
        Object confirmations = tx.get("confirmations");
        long count = confirmations instanceof Number number ? Math.max(0, number.longValue()) : 0;
        return new ChainTransaction(txid, outputs, rbf, blockHash, blockHash == null ? 0 : count);
    }

    /** Core 22+: {@code address}; btcd and older Core: {@code addresses} (one entry for a standard output). */
    private static String address(Map<?, ?> scriptPubKey) {
        if (scriptPubKey == null) {
            return null;
        }
        if (scriptPubKey.get("address") instanceof String address) {
            return address;
        }
        List<?> addresses = list(scriptPubKey.get("addresses"));
        return addresses.size() == 1 ? (String) addresses.get(0) : null;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
