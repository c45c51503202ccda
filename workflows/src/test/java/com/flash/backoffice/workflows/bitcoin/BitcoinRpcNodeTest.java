package com.flash.backoffice.workflows.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.workflows.bench.SyntheticBlock;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The adapter's JSON handling against Bitcoin Core's documented response shapes and btcd's. */
class BitcoinRpcNodeTest {

    static final String TXID_COINBASE = "a".repeat(64);
    static final String TXID_PAYMENT = "b".repeat(64);
    static final String BLOCK = "0000000000000000000123abc" + "0".repeat(39);
    static final String PREVIOUS = "0000000000000000000456def" + "0".repeat(39);
    static final String ADDRESS = "bcrt1qcr8te4kr609gcawutmrza0j4xv80jy8zjz4jnq";

    FakeRpcServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    BitcoinRpcNode node() {
        return new BitcoinRpcNode(new BitcoinRpcProperties(server.url(), "flash", "secret", null));
    }

    @Nested
    class BitcoinCore {

        /** getblock <hash> 2 as Bitcoin Core 22+ documents it: decoded transactions under "tx". */
        static final String GETBLOCK_2 = """
                {"hash":"%s","confirmations":3,"size":400,"strippedsize":300,"weight":1300,"height":102,
                 "version":536870912,"versionHex":"20000000","merkleroot":"%s","time":1700000000,
                 "mediantime":1699999000,"nonce":1,"bits":"207fffff","difficulty":4.656542373906925e-10,
                 "chainwork":"00cc","nTx":2,"previousblockhash":"%s",
                 "tx":[
                  {"txid":"%s","hash":"%s","version":2,"size":100,"vsize":100,"weight":400,"locktime":0,
                   "vin":[{"coinbase":"0166","txinwitness":["00"],"sequence":4294967295}],
                   "vout":[{"value":50.00000000,"n":0,"scriptPubKey":{"asm":"0 c0ff","desc":"addr(x)#y",
                     "hex":"0014c0ff","address":"bcrt1qminer","type":"witness_v0_keyhash"}}],"hex":"02"},
                  {"txid":"%s","hash":"%s","version":2,"size":200,"vsize":150,"weight":600,"locktime":101,
                   "vin":[{"txid":"%s","vout":1,"scriptSig":{"asm":"","hex":""},"txinwitness":["30","02"],
                     "sequence":4294967293}],
                   "vout":[{"value":0.00250000,"n":0,"scriptPubKey":{"asm":"0 1","hex":"0014","address":"%s",
                     "type":"witness_v0_keyhash"}},
                           {"value":0.00000001,"n":1,"scriptPubKey":{"asm":"OP_RETURN 00","hex":"6a0100",
                     "type":"nulldata"}},
                           {"value":20999999.99999999,"n":2,"scriptPubKey":{"asm":"0 2","hex":"0014",
                     "address":"bcrt1qchange","type":"witness_v0_keyhash"}}],
                   "fee":0.00000300,"hex":"02"}]}
                """.formatted(
                        BLOCK,
                        "c".repeat(64),
                        PREVIOUS,
                        TXID_COINBASE,
                        TXID_COINBASE,
                        TXID_PAYMENT,
                        TXID_PAYMENT,
                        "d".repeat(64),
                        ADDRESS);

        @Test
        void a_verbosity_2_block_gives_heights_hashes_outputs_and_exact_satoshis() throws IOException {
            server = new FakeRpcServer(false).result("getblock", GETBLOCK_2);

            ChainBlock block = node().block(BLOCK);

            assertThat(block.hash()).isEqualTo(BLOCK);
            assertThat(block.height()).isEqualTo(102);
            assertThat(block.previousHash()).isEqualTo(PREVIOUS);
            assertThat(block.transactions()).hasSize(2);
            ChainTransaction coinbase = block.transactions().get(0);
            assertThat(coinbase.rbf()).isFalse();
            assertThat(coinbase.outputs().get(0).amountSat()).isEqualTo(5_000_000_000L);
            ChainTransaction payment = block.transactions().get(1);
            assertThat(payment.rbf()).isTrue();
            assertThat(payment.blockHash()).isEqualTo(BLOCK);
            assertThat(payment.outputs())
                    .extracting(ChainOutput::vout, ChainOutput::address, ChainOutput::amountSat)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(0, ADDRESS, 250_000L),
                            org.assertj.core.groups.Tuple.tuple(1, null, 1L),
                            org.assertj.core.groups.Tuple.tuple(2, "bcrt1qchange", 2_099_999_999_999_999L));
            assertThat(payment.outputs().get(0).paymentRef()).isEqualTo(TXID_PAYMENT + ":0");
            assertThat(payment.outputs().get(0).amountMsat()).isEqualTo(250_000_000L);
        }

        @Test
        void requests_carry_jsonrpc_and_a_numeric_verbosity() throws IOException {
            server = new FakeRpcServer(false).result("getblock", GETBLOCK_2);

            node().block(BLOCK);

            assertThat(server.requests)
                    .singleElement()
                    .satisfies(request -> assertThat(request)
                            .contains("\"jsonrpc\":\"1.0\"")
                            .containsPattern("\"params\":\\[\"" + BLOCK + "\",2\\]"));
        }

        @Test
        void a_mempool_transaction_has_no_block_and_no_confirmations() throws IOException {
            server = new FakeRpcServer(false)
                    .result("getrawtransaction", """
                    {"txid":"%s","hash":"%s","version":2,"size":200,"vsize":150,"weight":600,"locktime":0,
                     "vin":[{"txid":"%s","vout":0,"scriptSig":{"asm":"","hex":""},"sequence":4294967294}],
                     "vout":[{"value":1.5,"n":0,"scriptPubKey":{"address":"%s","type":"witness_v0_keyhash"}}],
                     "hex":"02"}
                    """.formatted(TXID_PAYMENT, TXID_PAYMENT, "d".repeat(64), ADDRESS));

            ChainTransaction tx = node().transaction(TXID_PAYMENT);

            assertThat(tx.inMempool()).isTrue();
            assertThat(tx.confirmations()).isZero();
            assertThat(tx.rbf()).as("nSequence 0xfffffffe does not signal RBF").isFalse();
            assertThat(tx.outputs().get(0).amountSat()).isEqualTo(150_000_000L);
        }

        @Test
        void a_confirmed_transaction_has_its_block_and_confirmations() throws IOException {
            server = new FakeRpcServer(false).result("getrawtransaction", """
                    {"txid":"%s","vin":[],"vout":[{"value":0.001,"n":3,"scriptPubKey":{"addresses":["%s"]}}],
                     "blockhash":"%s","confirmations":7,"time":1,"blocktime":1}
                    """.formatted(TXID_PAYMENT, ADDRESS, BLOCK));

            ChainTransaction tx = node().transaction(TXID_PAYMENT);

            assertThat(tx.blockHash()).isEqualTo(BLOCK);
            assertThat(tx.confirmations()).isEqualTo(7);
            assertThat(tx.outputs().get(0).address())
                    .as("Core before 22: addresses[]")
                    .isEqualTo(ADDRESS);
            assertThat(tx.outputs().get(0).vout()).isEqualTo(3);
        }

        @Test
        void an_unknown_transaction_is_reported_as_not_found() throws IOException {
            server = new FakeRpcServer(false)
                    .error(
                            "getrawtransaction",
                            500,
                            -5,
                            "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.");

            assertThatThrownBy(() -> node().transaction(TXID_PAYMENT)).isInstanceOf(TransactionNotFoundException.class);
        }

        /** Mainnet block 1's header: its previous block is the genesis block. */
        @Test
        void the_previous_hash_comes_from_the_raw_header_which_nodes_give_for_stale_blocks_too() throws IOException {
            server = new FakeRpcServer(false)
                    .result(
                            "getblockheader",
                            "\"010000006fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000982051fd1e4ba744"
                                    + "bbbe680e1fee14677ba1a3c3540bf7b1cdb606e857233e0e61bc6649ffff001d01e36299\"");
            String block1 = "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048";

            assertThat(node().previousBlockHash(block1))
                    .isEqualTo("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
            assertThat(server.requests)
                    .singleElement()
                    .asString()
                    .containsPattern("\"params\":\\[\"" + block1 + "\",false\\]");
        }

        @Test
        void a_header_that_is_not_80_bytes_is_refused() throws IOException {
            server = new FakeRpcServer(false).result("getblockheader", "\"0100\"");

            assertThatThrownBy(() -> node().previousBlockHash(BLOCK)).isInstanceOf(BitcoinNodeException.class);
        }

        @Test
        void counts_hashes_and_the_mempool() throws IOException {
            server = new FakeRpcServer(false)
                    .result("getblockcount", "102")
                    .result("getblockhash", "\"" + BLOCK + "\"")
                    .result("getrawmempool", "[\"" + TXID_PAYMENT + "\"]");

            assertThat(node().blockCount()).isEqualTo(102);
            assertThat(node().blockHash(102)).isEqualTo(BLOCK);
            assertThat(node().mempoolTransactionIds()).containsExactly(TXID_PAYMENT);
        }

        @Test
        void credentials_go_in_basic_auth() throws IOException {
            server = new FakeRpcServer(false).result("getblockcount", "1");
            assertThat(node().blockCount()).isEqualTo(1);
        }
    }

    @Nested
    class Btcd {

        /** btcd 0.24 getblock <hash> 2: the decoded transactions are under "rawtx", amounts as Go floats. */
        static final String GETBLOCK_2 = """
                {"hash":"%s","confirmations":1,"strippedsize":300,"size":400,"weight":1300,"height":441,
                 "version":536870912,"versionHex":"20000000","merkleroot":"%s",
                 "rawtx":[
                  {"hex":"01","txid":"%s","hash":"%s","size":100,"vsize":100,"weight":400,"version":1,"locktime":0,
                   "vin":[{"coinbase":"02b901","sequence":4294967295}],
                   "vout":[{"value":50,"n":0,"scriptPubKey":{"asm":"0 c0ff","hex":"0014c0ff","reqSigs":1,
                     "type":"witness_v0_keyhash","addresses":["bcrt1qminer"]}}]},
                  {"hex":"02","txid":"%s","hash":"%s","size":200,"vsize":150,"weight":600,"version":2,"locktime":0,
                   "vin":[{"txid":"%s","vout":0,"scriptSig":{"asm":"","hex":""},"txinwitness":["30"],
                     "sequence":4294967295}],
                   "vout":[{"value":0.0025,"n":0,"scriptPubKey":{"asm":"0 1","hex":"0014","reqSigs":1,
                     "type":"witness_v0_keyhash","addresses":["%s"]}},
                           {"value":1e-7,"n":1,"scriptPubKey":{"asm":"0 2","hex":"0014","reqSigs":1,
                     "type":"witness_v0_keyhash","addresses":["bcrt1qdust"]}}]}],
                 "time":1700000000,"nonce":0,"bits":"207fffff","difficulty":1,"previousblockhash":"%s"}
                """.formatted(
                        BLOCK,
                        "c".repeat(64),
                        TXID_COINBASE,
                        TXID_COINBASE,
                        TXID_PAYMENT,
                        TXID_PAYMENT,
                        "d".repeat(64),
                        ADDRESS,
                        PREVIOUS);

        @Test
        void a_verbosity_2_block_is_read_from_rawtx() throws IOException {
            server = new FakeRpcServer(true).result("getblock", GETBLOCK_2);

            ChainBlock block = node().block(BLOCK);

            assertThat(block.height()).isEqualTo(441);
            assertThat(block.previousHash()).isEqualTo(PREVIOUS);
            assertThat(block.transactions())
                    .extracting(ChainTransaction::txid)
                    .containsExactly(TXID_COINBASE, TXID_PAYMENT);
            assertThat(block.transactions().get(0).outputs().get(0).amountSat()).isEqualTo(5_000_000_000L);
            ChainTransaction payment = block.transactions().get(1);
            assertThat(payment.rbf()).isFalse();
            assertThat(payment.outputs())
                    .extracting(ChainOutput::address, ChainOutput::amountSat)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ADDRESS, 250_000L),
                            org.assertj.core.groups.Tuple.tuple("bcrt1qdust", 10L));
        }

        @Test
        void btcd_answers_the_adapter_because_it_sends_jsonrpc() throws IOException {
            server = new FakeRpcServer(true).result("getblockcount", "441");

            assertThat(node().blockCount()).isEqualTo(441);
        }

        @Test
        void the_plain_client_gets_btcd_s_empty_answer() throws IOException {
            server = new FakeRpcServer(true).result("getblockcount", "441");
            var plain = new wf.bitcoin.javabitcoindrpcclient.BitcoinJSONRPCClient(
                    server.url().toURL());

            assertThatThrownBy(plain::getBlockCount).isInstanceOf(RuntimeException.class);
        }

        @Test
        void an_unknown_transaction_is_reported_as_not_found() throws IOException {
            server = new FakeRpcServer(true)
                    .error("getrawtransaction", 200, -5, "No information available about transaction " + TXID_PAYMENT);

            assertThatThrownBy(() -> node().transaction(TXID_PAYMENT)).isInstanceOf(TransactionNotFoundException.class);
        }
    }

    /**
     * A mainnet block at verbosity 2 is 5-10 MB of JSON; bitcoin-rpc-client's own parser takes time quadratic in
     * that (minutes for one block), so responses are read with Jackson. The adapter must read such a block in one
     * request with every output, in both nodes' shapes, amounts exact.
     */
    @Nested
    class MainnetSizedBlocks {

        @ParameterizedTest
        @EnumSource(SyntheticBlock.Shape.class)
        void a_block_of_3000_transactions_is_read_in_one_request_with_every_output(SyntheticBlock.Shape shape)
                throws IOException {
            SyntheticBlock generated = new SyntheticBlock(3_000, 42);
            server = new FakeRpcServer(shape == SyntheticBlock.Shape.BTCD).result("getblock", generated.json(shape));

            ChainBlock block = node().block(SyntheticBlock.HASH);

            assertThat(block.previousHash()).isEqualTo(SyntheticBlock.PREVIOUS);
            assertThat(block.height()).isEqualTo(SyntheticBlock.HEIGHT);
            assertThat(block.transactions()).hasSize(3_000);
            assertThat(block.transactions().stream().flatMap(tx -> tx.outputs().stream()))
                    .extracting(ChainOutput::txid, ChainOutput::vout, ChainOutput::address, ChainOutput::amountSat)
                    .containsExactlyElementsOf(generated.outputs().stream()
                            .map(o -> org.assertj.core.groups.Tuple.tuple(o.txid(), o.vout(), o.address(), o.sats()))
                            .toList());
            assertThat(server.requests).singleElement().asString().contains("\"getblock\"");
        }

        @Test
        void a_response_to_another_request_id_is_refused() throws IOException {
            server = new FakeRpcServer(false);
            server.answers.put(
                    "getblockcount", new FakeRpcServer.Answer(200, "{\"result\":7,\"error\":null,\"id\":\"2\"}"));

            assertThatThrownBy(() -> node().blockCount())
                    .isInstanceOf(BitcoinNodeException.class)
                    .hasMessageContaining("Wrong response ID");
        }
    }
}
