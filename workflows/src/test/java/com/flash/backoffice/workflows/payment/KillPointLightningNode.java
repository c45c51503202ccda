package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.workflows.lightning.CreatedInvoice;
import com.flash.backoffice.workflows.lightning.DecodedInvoice;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.LightningPayment;
import com.flash.backoffice.workflows.lightning.LightningSubscription;
import com.flash.backoffice.workflows.lightning.OutgoingPayment;
import com.flash.backoffice.workflows.lightning.SettledInvoice;
import com.flash.backoffice.workflows.lightning.WalletAddressType;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The real node, with the kill points around the send: before it goes out, and once the node has taken it. */
public final class KillPointLightningNode implements LightningNode {

    private static final Duration ACCEPT_POLL = Duration.ofMillis(100);

    private final LightningNode node;
    private final KillPoints points;

    public KillPointLightningNode(LightningNode node, KillPoints points) {
        this.node = node;
        this.points = points;
    }

    @Override
    public LightningPayment sendPayment(OutgoingPayment payment, Duration wait) {
        String paymentId = points.payingNow();
        points.reach(KillStep.BEFORE_SEND, paymentId);
        String hash = node.decode(payment.bolt11()).paymentHash();
        if (node.trackPayment(hash, Duration.ZERO).isPresent()) {
            points.resending(paymentId); // the first line of defence failed: LND's refusal would hide it
        }
        if (!points.planned(KillStep.AFTER_LND_ACCEPTED)) {
            return node.sendPayment(payment, wait);
        }
        // a thread per send: the common pool has one thread on two cores, and the payouts' sends must overlap
        CompletableFuture<LightningPayment> sending = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("send-" + paymentId).start(() -> {
            try {
                sending.complete(node.sendPayment(payment, wait));
            } catch (RuntimeException e) {
                sending.completeExceptionally(e);
            }
        });
        while (node.trackPayment(hash, ACCEPT_POLL).isEmpty()) {
            if (sending.isDone()) {
                // the node refused to start it: there is nothing it accepted to die after
                return sending.join();
            }
            sleep(ACCEPT_POLL);
        }
        points.reach(KillStep.AFTER_LND_ACCEPTED, paymentId);
        return sending.join();
    }

    @Override
    public Optional<LightningPayment> trackPayment(String paymentHash, Duration wait) {
        return node.trackPayment(paymentHash, wait);
    }

    @Override
    public DecodedInvoice decode(String bolt11) {
        return node.decode(bolt11);
    }

    @Override
    public CreatedInvoice createInvoice(long amountMsat, String memo, Duration expiry) {
        return node.createInvoice(amountMsat, memo, expiry);
    }

    @Override
    public CreatedInvoice createInvoiceForDescriptionHash(long amountMsat, byte[] descriptionHash, Duration expiry) {
        return node.createInvoiceForDescriptionHash(amountMsat, descriptionHash, expiry);
    }

    @Override
    public LightningSubscription subscribeSettledInvoices(long afterSettleIndex, Consumer<SettledInvoice> onSettled) {
        return node.subscribeSettledInvoices(afterSettleIndex, onSettled);
    }

    @Override
    public String newAddress(WalletAddressType type) {
        return node.newAddress(type);
    }

    @Override
    public Optional<SettledInvoice> lookup(String paymentHash) {
        return node.lookup(paymentHash);
    }

    @Override
    public String identityPubkey() {
        return node.identityPubkey();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the node to take the payment", e);
        }
    }
}
