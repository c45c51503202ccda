package com.flash.backoffice.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.flash.backoffice.workflows.bitcoin.BitcoinNode;
import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.bitcoin.ChainOutput;
import com.flash.backoffice.workflows.bitcoin.SimulatedBitcoinNode;
import com.flash.backoffice.workflows.lightning.CreatedInvoice;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import com.flash.backoffice.workflows.lightning.WalletAddressType;
import java.time.Clock;
import java.time.Duration;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.SegwitAddress;
import org.junit.jupiter.api.Test;

class SimulatedPaymentsTest {

    @Test
    void on_the_simulated_network_payments_reach_the_mempool_blocks_and_lightning() {
        SimulatedBitcoinNode chain = new SimulatedBitcoinNode();
        SimulatedLightningNode lightning = new SimulatedLightningNode();
        SimulatedPayments payments = new SimulatedPayments(chain, lightning);
        CreatedInvoice invoice = lightning.createInvoice(5_000, "test", Duration.ofMinutes(5));

        String txid = payments.payOnChain("bcrt1qx", 1_000);
        assertThat(chain.mempoolTransactionIds()).containsExactly(txid);
        payments.mine(1);
        assertThat(chain.transaction(txid).confirmations()).isEqualTo(1);
        assertThat(payments.payLightning(invoice.bolt11()).amountPaidMsat()).isEqualTo(5_000);
        assertThat(lightning.lookup(invoice.paymentHash())).isPresent();
    }

    @Test
    void the_simulated_wallet_gives_fresh_valid_addresses_of_its_network_that_simulated_payments_reach() {
        SimulatedBitcoinNode chain = new SimulatedBitcoinNode();
        SimulatedLightningNode lightning = new SimulatedLightningNode(Clock.systemUTC(), ChainNetwork.REGTEST);
        SimulatedPayments payments = new SimulatedPayments(chain, lightning);

        String first = lightning.newAddress(WalletAddressType.WITNESS_PUBKEY_HASH);
        String second = lightning.newAddress(WalletAddressType.WITNESS_PUBKEY_HASH);
        String txid = payments.payOnChain(first, 2_500);
        payments.mine(1);

        assertThat(first).startsWith("bcrt1q").isNotEqualTo(second);
        assertThat(AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(first))
                .isInstanceOf(SegwitAddress.class);
        assertThat(chain.transaction(txid).outputs())
                .extracting(ChainOutput::address, ChainOutput::amountSat)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first, 2_500L));
        assertThat(chain.transaction(txid).confirmations()).isEqualTo(1);
    }

    @Test
    void on_real_nodes_nothing_can_be_simulated() {
        SimulatedPayments payments = new SimulatedPayments(mock(BitcoinNode.class), mock(LightningNode.class));

        assertThat(payments.available()).isFalse();
        assertThatThrownBy(() -> payments.payOnChain("bc1q", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payments.mine(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payments.payLightning("lnbc1")).isInstanceOf(IllegalStateException.class);
    }
}
