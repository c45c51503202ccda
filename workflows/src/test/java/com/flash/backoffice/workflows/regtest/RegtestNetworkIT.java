package com.flash.backoffice.workflows.regtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lightningj.lnd.wrapper.message.AddInvoiceResponse;
import org.lightningj.lnd.wrapper.message.Invoice;
import org.lightningj.lnd.wrapper.message.WalletBalanceRequest;
import wf.bitcoin.javabitcoindrpcclient.BitcoinJSONRPCClient;
import wf.bitcoin.javabitcoindrpcclient.BitcoindRpcClient;

/** Smoke test of the regtest harness through the clients Flash uses: bitcoin-rpc-client on btcd, lightningj on LND. */
@ExtendWith(RegtestExtension.class)
class RegtestNetworkIT {
    private long started;

    @BeforeEach
    void startClock() {
        started = System.nanoTime();
    }

    @AfterEach
    void printTime(TestInfo info) {
        System.out.printf("[regtest] %s took %.2f s%n", info.getDisplayName(), (System.nanoTime() - started) / 1e9);
    }

    @Test
    void chainHeightAdvancesWhenMining(RegtestNetwork net) throws Exception {
        BitcoinJSONRPCClient rpc = net.bitcoinRpc();
        int before = rpc.getBlockCount();

        List<String> hashes = net.mine(3);

        assertThat(hashes).hasSize(3);
        assertThat(rpc.getBlockCount()).isEqualTo(before + 3);
        assertThat(rpc.getBestBlockHash()).isEqualTo(hashes.get(2));
        assertThat(net.customer().api().getInfo().getBlockHeight()).isEqualTo(before + 3);
        assertThat(net.merchant().api().getInfo().getBlockHeight()).isEqualTo(before + 3);
    }

    @Test
    void customerOnChainPaymentIsSeenInMempoolThenConfirmed(RegtestNetwork net) throws Exception {
        BitcoinJSONRPCClient rpc = net.bitcoinRpc();
        String address = net.merchantNewAddress();
        assertThat(address).startsWith("bcrt1q");

        String txid = net.customerSendOnChain(address, 250_000);

        RegtestNetwork.waitFor(
                "tx " + txid + " in btcd mempool",
                Duration.ofSeconds(30),
                () -> rpc.getRawMemPool().contains(txid));
        BitcoindRpcClient.RawTransaction unconfirmed = rpc.getRawTransaction(txid);
        assertThat(unconfirmed.confirmations()).isNull();
        assertThat(unconfirmed.vOut())
                .anySatisfy(out -> assertThat(out.scriptPubKey().addresses()).contains(address));

        String block = net.mine(1).get(0);

        assertThat(rpc.getRawMemPool()).doesNotContain(txid);
        assertThat(rpc.getBlock(block).tx()).contains(txid);
        assertThat(rpc.getRawTransaction(txid).confirmations()).isEqualTo(1);
        RegtestNetwork.waitFor(
                "merchant LND sees 250,000 sat confirmed",
                Duration.ofSeconds(30),
                () -> net.merchant()
                                .api()
                                .walletBalance(new WalletBalanceRequest())
                                .getConfirmedBalance()
                        >= 250_000);
    }

    @Test
    void lightningInvoiceFromMerchantIsPaidByCustomerAndSettles(RegtestNetwork net) throws Exception {
        AddInvoiceResponse created = net.merchantAddInvoice(21_000_000L, "regtest smoke");
        assertThat(created.getPaymentRequest()).startsWith("lnbcrt210u");

        net.customerPayInvoice(created.getPaymentRequest());

        RegtestNetwork.waitFor(
                "invoice SETTLED",
                Duration.ofSeconds(30),
                () -> net.merchant()
                                .api()
                                .lookupInvoice(null, created.getRHash())
                                .getState()
                        == Invoice.InvoiceState.SETTLED);
        Invoice invoice = net.merchant().api().lookupInvoice(null, created.getRHash());
        assertThat(invoice.getAmtPaidMsat()).isEqualTo(21_000_000L);
        assertThat(invoice.getMemo()).isEqualTo("regtest smoke");
    }

    /**
     * Records which Bitcoin Core RPCs that bitcoin-rpc-client offers work against btcd, and pins the differences
     * found so that a btcd upgrade that changes them is noticed.
     */
    @Test
    void btcdRpcCompatibility(RegtestNetwork net) {
        BitcoinJSONRPCClient rpc = net.bitcoinRpc();
        String best = rpc.getBestBlockHash();
        Map<String, String> results = new LinkedHashMap<>();
        probe(results, "getblockcount", () -> rpc.getBlockCount());
        probe(results, "getbestblockhash", () -> rpc.getBestBlockHash());
        probe(results, "getblockhash", () -> rpc.getBlockHash(1));
        probe(results, "getblock (default verbosity)", () -> rpc.getBlock(best).height());
        probe(results, "getblock verbosity 0", () -> ((String) rpc.query("getblock", best, 0)).length() + " hex chars");
        probe(
                results,
                "getblock verbosity 2",
                () -> rpc.query("getblock", best, 2).toString().length() + " chars");
        probe(
                results,
                "getblock verbose=false (bool)",
                () -> rpc.query("getblock", best, false).toString().length());
        probe(
                results,
                "getblockheader",
                () -> rpc.query("getblockheader", best, true).toString().length() + " chars");
        probe(results, "getblockchaininfo", () -> {
            BitcoindRpcClient.BlockChainInfo info = rpc.getBlockChainInfo();
            return info.chain() + " blocks=" + info.blocks() + " bestblockhash=" + info.bestBlockHash();
        });
        probe(results, "getrawmempool", () -> rpc.getRawMemPool().size());
        probe(
                results,
                "getrawmempool verbose",
                () -> rpc.query("getrawmempool", true).getClass().getSimpleName());
        probe(results, "getmempoolinfo", () -> rpc.query("getmempoolinfo"));
        probe(
                results,
                "getrawtransaction (verbose)",
                () -> rpc.getRawTransaction(rpc.getBlock(best).tx().get(0)).confirmations());
        probe(
                results,
                "getrawtransaction hex",
                () -> rpc.getRawTransactionHex(rpc.getBlock(best).tx().get(0)).length());
        probe(
                results,
                "gettxout",
                () -> String.valueOf(rpc.getTxOut(rpc.getBlock(best).tx().get(0), 0)));
        probe(results, "estimatesmartfee", () -> rpc.estimateSmartFee(6).feeRate());
        probe(results, "estimatefee (btcd)", () -> rpc.query("estimatefee", 6));
        probe(results, "getnetworkinfo", () -> rpc.getNetworkInfo().version());
        probe(results, "getmininginfo", () -> rpc.getMiningInfo().blocks());
        probe(results, "getdifficulty", () -> rpc.getDifficulty());
        probe(results, "getconnectioncount", () -> rpc.getConnectionCount());
        probe(results, "getpeerinfo", () -> rpc.getPeerInfo().size());
        probe(results, "getinfo (btcd)", () -> rpc.query("getinfo").toString().length());
        probe(results, "generatetoaddress", () -> rpc.generateToAddress(1, net.minerAddress()));
        probe(results, "getwalletinfo", () -> rpc.getWalletInfo());
        probe(
                results,
                "validateaddress",
                () -> rpc.validateAddress(net.minerAddress()).isValid());
        probe(
                results,
                "decoderawtransaction",
                () -> rpc.decodeRawTransaction(
                                rpc.getRawTransactionHex(rpc.getBlock(best).tx().get(0)))
                        .txId());
        probe(results, "uptime", () -> rpc.query("uptime"));
        probe(
                results,
                "plain client (no \"jsonrpc\") getblockcount",
                () -> net.newPlainBitcoinRpc().getBlockCount());
        StringBuilder table = new StringBuilder("[regtest] btcd RPC through bitcoin-rpc-client:\n");
        results.forEach((k, v) -> table.append(String.format("  %-32s %s%n", k, v)));
        System.out.print(table);

        assertThat(results.get("getblockcount")).startsWith("OK");
        assertThat(results.get("getblock (default verbosity)")).startsWith("OK");
        assertThat(results.get("getrawmempool")).startsWith("OK");
        assertThat(results.get("getrawtransaction (verbose)")).startsWith("OK");
        assertThat(results.get("getblockchaininfo")).startsWith("OK");
        // Known btcd differences from Bitcoin Core (fail here when a btcd upgrade changes them):
        assertThat(results.get("plain client (no \"jsonrpc\") getblockcount")).startsWith("FAILS");
        assertThat(results.get("getblock verbose=false (bool)")).contains("must be type int");
        assertThat(results.get("estimatesmartfee")).contains("Method not found");
        assertThat(results.get("generatetoaddress")).contains("Method not found");
        assertThat(results.get("getnetworkinfo")).contains("unimplemented");
        assertThat(results.get("getwalletinfo")).startsWith("FAILS");
    }

    private static void probe(Map<String, String> results, String name, Supplier<Object> call) {
        try {
            results.put(name, "OK " + call.get());
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
            results.put(
                    name,
                    "FAILS " + e.getClass().getSimpleName() + ": "
                            + message.substring(0, Math.min(160, message.length())));
        }
    }
}
