package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.workflows.bitcoin.SimulatedBitcoinNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedOnchainWalletTest {

    private final SimulatedBitcoinNode chain = new SimulatedBitcoinNode();
    private final SimulatedOnchainWallet wallet = new SimulatedOnchainWallet(chain);
    private final OnchainSendTracker tracker = new OnchainSendTracker(wallet, chain);
    private final List<OnchainOutput> outputs = List.of(
            new OnchainOutput("bcrt1qaddressone", 100_000),
            new OnchainOutput("bcrt1qaddresstwo", 250_000),
            new OnchainOutput("bcrt1qaddressthree", 1_000_000));

    @Test
    void a_batch_is_one_transaction_with_every_output_and_a_second_send_of_its_label_returns_it() {
        OnchainTransaction sent = wallet.sendBatch("payout-batch-1", outputs, 6);

        assertThat(chain.mempoolTransactionIds()).containsExactly(sent.txid());
        assertThat(chain.transaction(sent.txid()).outputs())
                .extracting(o -> new OnchainOutput(o.address(), o.amountSat()))
                .containsExactlyElementsOf(outputs);
        assertThat(sent.payments()).containsExactlyElementsOf(outputs);
        assertThat(sent.feeSat()).as("(11 + 68 + 31 x 4) vB at 10 sat/vB").isEqualTo(2_030);
        assertThat(wallet.findByLabel("payout-batch-1")).contains(sent);

        assertThat(wallet.sendBatch("payout-batch-1", outputs, 6)).isEqualTo(sent);
        assertThat(chain.mempoolTransactionIds()).hasSize(1);
    }

    @Test
    void confirmations_follow_the_simulated_chain() {
        OnchainTransaction sent = wallet.sendBatch("payout-batch-2", outputs, 3);
        assertThat(wallet.confirmations(sent.txid())).isZero();

        chain.mine(1);
        assertThat(wallet.confirmations(sent.txid())).isEqualTo(1);
        assertThat(wallet.transaction(sent.txid()).orElseThrow().blockHeight()).isEqualTo(chain.blockCount());
        chain.mine(2);
        assertThat(tracker.state(sent.txid()))
                .isEqualTo(new OnchainSendState(sent.txid(), OnchainSendStatus.CONFIRMED, 3, 3));
    }

    @Test
    void a_batch_a_reorg_drops_stays_unconfirmed_in_the_wallet_and_the_tracker_sees_it_dropped() {
        OnchainTransaction sent = wallet.sendBatch("payout-batch-3", outputs, 6);
        chain.mine(1);

        chain.disconnect(1, false);

        assertThat(wallet.confirmations(sent.txid())).isZero();
        assertThat(tracker.state(sent.txid()))
                .isEqualTo(new OnchainSendState(sent.txid(), OnchainSendStatus.DROPPED, 0, 0));
        assertThat(wallet.sendBatch("payout-batch-3", outputs, 6).txid()).isEqualTo(sent.txid());
    }

    @Test
    void a_batch_a_reorg_returns_to_the_mempool_is_pending_again() {
        OnchainTransaction sent = wallet.sendBatch("payout-batch-4", outputs, 6);
        chain.mine(1);

        chain.disconnect(1, true);

        assertThat(tracker.state(sent.txid()).status()).isEqualTo(OnchainSendStatus.IN_MEMPOOL);
    }

    @Test
    void bad_batches_are_refused_with_their_reason_and_send_nothing() {
        assertThatThrownBy(() -> wallet.sendBatch("", outputs, 6))
                .hasMessage("a batch needs a label (its business id) to be sent exactly once");
        assertThatThrownBy(() -> wallet.sendBatch("x".repeat(501), outputs, 6))
                .hasMessage("the label has 501 characters, LND keeps at most 500");
        assertThatThrownBy(() -> wallet.sendBatch("payout-batch-5", outputs, 0))
                .hasMessage("targetConf must be at least 1 block: 0");
        assertThatThrownBy(() -> new OnchainOutput("bcrt1qaddressone", 0))
                .hasMessage("amountSat must be positive: 0 to bcrt1qaddressone");
        assertThat(chain.mempoolTransactionIds()).isEmpty();
        assertThat(wallet.findByLabel("payout-batch-5")).isEmpty();
        assertThatThrownBy(() -> tracker.state("ab".repeat(32)))
                .isInstanceOf(OnchainWalletException.class)
                .hasMessage("the wallet has no transaction " + "ab".repeat(32));
    }
}
