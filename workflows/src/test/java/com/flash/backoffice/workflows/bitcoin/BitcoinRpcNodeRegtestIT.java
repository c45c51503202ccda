package com.flash.backoffice.workflows.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The production adapter against a real btcd: every call the chain watcher makes, and btcd's shapes pinned. */
@ExtendWith(RegtestExtension.class)
class BitcoinRpcNodeRegtestIT {

    private static BitcoinRpcNode node(RegtestNetwork net) {
        return new BitcoinRpcNode(new BitcoinRpcProperties(
                URI.create(net.btcdRpcUrl()), net.btcdRpcUser(), net.btcdRpcPassword(), net.btcdRpcCert()));
    }

    @Test
    void a_payment_is_read_from_the_mempool_then_from_its_block(RegtestNetwork net) {
        BitcoinRpcNode node = node(net);
        String address = net.merchantNewAddress();

        String txid = net.customerSendOnChain(address, 123_456);
        RegtestNetwork.waitFor(
                "tx in mempool",
                Duration.ofSeconds(30),
                () -> node.mempoolTransactionIds().contains(txid));
        ChainTransaction pending = node.transaction(txid);
        assertThat(pending.inMempool()).isTrue();
        assertThat(pending.outputs()).anySatisfy(output -> {
            assertThat(output.address()).isEqualTo(address);
            assertThat(output.amountSat()).isEqualTo(123_456L);
        });

        String hash = net.mine(1).get(0);
        long height = node.blockCount();
        assertThat(node.blockHash(height)).isEqualTo(hash);
        ChainBlock block = node.block(hash);
        assertThat(block.height()).isEqualTo(height);
        assertThat(block.previousHash()).isEqualTo(node.blockHash(height - 1));
        assertThat(block.transactions()).extracting(ChainTransaction::txid).contains(txid);
        assertThat(block.transactions().get(0).outputs().get(0).amountSat())
                .as("coinbase")
                .isPositive();
        ChainTransaction confirmed = node.transaction(txid);
        assertThat(confirmed.blockHash()).isEqualTo(hash);
        assertThat(confirmed.confirmations()).isEqualTo(1);
    }

    @Test
    void btcd_returns_verbosity_2_transactions_under_rawtx(RegtestNetwork net) {
        Object block = net.bitcoinRpc().query("getblock", net.bitcoinRpc().getBestBlockHash(), 2);

        Map<?, ?> fields = (Map<?, ?>) block;
        assertThat(fields.containsKey("rawtx"))
                .as("decoded transactions under rawtx")
                .isTrue();
        assertThat(fields.containsKey("tx")).as("no tx member at verbosity 2").isFalse();
    }

    @Test
    void an_unknown_transaction_is_not_found(RegtestNetwork net) {
        assertThatThrownBy(() -> node(net).transaction("ab".repeat(32)))
                .isInstanceOf(TransactionNotFoundException.class);
    }
}
