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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A real node that also remembers which invoices it was asked to send, to show what was (not) sent. */
final class CountingLightningNode implements LightningNode {

    private final LightningNode node;
    private final List<String> sent = new CopyOnWriteArrayList<>();

    CountingLightningNode(LightningNode node) {
        this.node = node;
    }

    long sends(String bolt11) {
        return sent.stream().filter(bolt11::equals).count();
    }

    @Override
    public LightningPayment sendPayment(OutgoingPayment payment, Duration wait) {
        sent.add(payment.bolt11());
        return node.sendPayment(payment, wait);
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

    @Override
    public DecodedInvoice decode(String bolt11) {
        return node.decode(bolt11);
    }

    @Override
    public Optional<LightningPayment> trackPayment(String paymentHash, Duration wait) {
        return node.trackPayment(paymentHash, wait);
    }
}
