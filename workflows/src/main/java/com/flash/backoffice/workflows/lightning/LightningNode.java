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
     * Creates a BOLT11 invoice for exactly {@code amountMsat} that commits to a description by its hash (the
     * {@code h} tag) instead of carrying it: LNURL-pay's (LUD-06) SHA-256 of the metadata.
     */
    CreatedInvoice createInvoiceForDescriptionHash(long amountMsat, byte[] descriptionHash, Duration expiry);

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

    /** The node's identity public key (hex): the destination of every invoice it issues. */
    String identityPubkey();

    /**
     * Decodes a BOLT11 invoice.
     *
     * @throws InvalidInvoiceException when it is not a BOLT11 invoice, or one of another network than the node's
     */
    DecodedInvoice decode(String bolt11);

    /**
     * The node's outgoing payment to {@code paymentHash}, waiting up to {@code wait} for it to reach a final state
     * (it may still be in flight then); empty when the node never tried to pay that hash.
     */
    Optional<LightningPayment> trackPayment(String paymentHash, Duration wait);

    /**
     * Starts paying {@code payment} and returns its state once final or after {@code wait}, whichever comes first;
     * the payment goes on when the call returns in flight ({@link #trackPayment} follows it). A payment the node
     * refuses to start (an invoice paid before, expired, a zero-amount invoice without an amount) comes back failed.
     */
    LightningPayment sendPayment(OutgoingPayment payment, Duration wait);
}
