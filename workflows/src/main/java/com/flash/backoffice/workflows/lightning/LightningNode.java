package com.flash.backoffice.workflows.lightning;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The port to a merchant-side Lightning node. Adapters: {@link LndLightningNode} (lightningj) and
 * {@link SimulatedLightningNode} (development only).
 */
public interface LightningNode {

    /** Creates a BOLT11 invoice for exactly {@code amountMsat}, expiring after {@code expiry}. */
    CreatedInvoice createInvoice(long amountMsat, String memo, Duration expiry);

    /**
     * Delivers every invoice settled with a settle index above {@code afterSettleIndex} (the ones settled while
     * nobody listened first, then new ones as they settle), in settle-index order, on a thread of the adapter's,
     * until the returned subscription is closed or the connection ends ({@link LightningSubscription#isActive()}).
     */
    LightningSubscription subscribeSettledInvoices(long afterSettleIndex, Consumer<SettledInvoice> onSettled);

    /**
     * A fresh receive address of the node's own on-chain wallet: coins sent to it are Flash's (custodial on-chain
     * payments). Never handed out twice.
     */
    String newAddress(WalletAddressType type);

    /** The invoice if it is settled; empty when it is open, cancelled or unknown to the node. */
    Optional<SettledInvoice> lookup(String paymentHash);
}
