package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.workflows.bitcoin.BitcoinNode;
import com.flash.backoffice.workflows.bitcoin.SimulatedBitcoinNode;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.SettledInvoice;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import java.util.List;

/**
 * DEVELOPMENT ONLY: the "simulate payment" actions of the portal. {@link #available()} is true only on the
 * simulated network; every action refuses otherwise, so no button can move anything on a real node.
 */
public class SimulatedPayments {

    private final BitcoinNode bitcoin;
    private final LightningNode lightning;

    public SimulatedPayments(BitcoinNode bitcoin, LightningNode lightning) {
        this.bitcoin = bitcoin;
        this.lightning = lightning;
    }

    public boolean available() {
        return bitcoin instanceof SimulatedBitcoinNode && lightning instanceof SimulatedLightningNode;
    }

    /** Puts a payment of {@code sats} to {@code address} in the simulated mempool; returns its txid. */
    public String payOnChain(String address, long sats) {
        return simulatedChain().payTo(address, sats);
    }

    /** Mines {@code blocks} simulated blocks (the first takes the mempool); returns their hashes. */
    public List<String> mine(int blocks) {
        return simulatedChain().mine(blocks);
    }

    /** Settles a BOLT11 of the simulated Lightning node as if a customer paid it. */
    public SettledInvoice payLightning(String bolt11) {
        if (!(lightning instanceof SimulatedLightningNode simulated)) {
            throw new IllegalStateException("Lightning payments can be simulated only on the simulated network");
        }
        return simulated.pay(bolt11);
    }

    private SimulatedBitcoinNode simulatedChain() {
        if (!(bitcoin instanceof SimulatedBitcoinNode simulated)) {
            throw new IllegalStateException("On-chain payments can be simulated only on the simulated network");
        }
        return simulated;
    }
}
