package com.flash.backoffice.workflows.lightning;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.lightningj.lnd.wrapper.API;
import org.lightningj.lnd.wrapper.AsynchronousLndAPI;
import org.lightningj.lnd.wrapper.StatusException;
import org.lightningj.lnd.wrapper.SynchronousLndAPI;
import org.lightningj.lnd.wrapper.ValidationException;
import org.lightningj.lnd.wrapper.message.AddInvoiceResponse;
import org.lightningj.lnd.wrapper.message.AddressType;
import org.lightningj.lnd.wrapper.message.Invoice;
import org.lightningj.lnd.wrapper.message.InvoiceSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LightningNode} over LND's gRPC interface with lightningj. Each subscription has its own connection,
 * closed with it.
 */
public final class LndLightningNode implements LightningNode, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LndLightningNode.class);

    private final LndProperties properties;
    private final SynchronousLndAPI api;

    public LndLightningNode(LndProperties properties) {
        this.properties = Objects.requireNonNull(properties, "properties");
        properties.requireComplete();
        try {
            api = new SynchronousLndAPI(
                    properties.host(),
                    properties.port(),
                    properties.tlsCertPath().toFile(),
                    properties.macaroonPath().toFile());
        } catch (Exception e) {
            throw new LightningNodeException(
                    "cannot connect to LND at " + properties.host() + ":" + properties.port(), e);
        }
    }

    @Override
    public CreatedInvoice createInvoice(long amountMsat, String memo, Duration expiry) {
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
        Invoice invoice = new Invoice();
        invoice.setValueMsat(amountMsat);
        invoice.setMemo(memo == null ? "" : memo);
        invoice.setExpiry(Math.max(1, expiry.toSeconds()));
        try {
            AddInvoiceResponse created = api.addInvoice(invoice);
            return new CreatedInvoice(
                    created.getPaymentRequest(), HexFormat.of().formatHex(created.getRHash()), created.getAddIndex());
        } catch (StatusException | ValidationException e) {
            throw new LightningNodeException("LND AddInvoice failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String newAddress(WalletAddressType type) {
        AddressType addressType =
                type == WalletAddressType.TAPROOT ? AddressType.TAPROOT_PUBKEY : AddressType.WITNESS_PUBKEY_HASH;
        try {
            return api.newAddress(addressType, "").getAddress();
        } catch (StatusException | ValidationException e) {
            throw new LightningNodeException("LND NewAddress failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SettledInvoice> lookup(String paymentHash) {
        try {
            return settled(api.lookupInvoice(null, HexFormat.of().parseHex(paymentHash)));
        } catch (StatusException e) {
            if (unknownInvoice(e)) {
                return Optional.empty();
            }
            throw new LightningNodeException("LND LookupInvoice failed: " + e.getMessage(), e);
        } catch (ValidationException e) {
            throw new LightningNodeException("LND LookupInvoice failed: " + e.getMessage(), e);
        }
    }

    @Override
    public LightningSubscription subscribeSettledInvoices(long afterSettleIndex, Consumer<SettledInvoice> onSettled) {
        AsynchronousLndAPI async;
        try {
            async = new AsynchronousLndAPI(
                    properties.host(),
                    properties.port(),
                    properties.tlsCertPath().toFile(),
                    properties.macaroonPath().toFile());
        } catch (Exception e) {
            throw new LightningNodeException("cannot connect to LND for the invoice subscription", e);
        }
        AtomicBoolean active = new AtomicBoolean(true);
        InvoiceSubscription request = new InvoiceSubscription();
        request.setAddIndex(0L);
        request.setSettleIndex(afterSettleIndex);
        try {
            async.subscribeInvoices(request, new StreamObserver<>() {
                @Override
                public void onNext(Invoice invoice) {
                    settled(invoice).ifPresent(onSettled);
                }

                @Override
                public void onError(Throwable error) {
                    if (active.getAndSet(false)) {
                        log.warn("LND invoice subscription ended: {}", error.toString());
                    }
                }

                @Override
                public void onCompleted() {
                    active.set(false);
                }
            });
        } catch (StatusException | ValidationException e) {
            closeQuietly(async);
            throw new LightningNodeException("LND SubscribeInvoices failed: " + e.getMessage(), e);
        }
        return new LightningSubscription() {
            @Override
            public boolean isActive() {
                return active.get();
            }

            @Override
            public void close() {
                active.set(false);
                closeQuietly(async);
            }
        };
    }

    @Override
    public void close() {
        closeQuietly(api);
    }

    /**
     * LND 0.17 answers NOT_FOUND "unable to locate invoice" for an unknown hash, but UNKNOWN "there are no existing
     * invoices" while the node has none at all.
     */
    private static boolean unknownInvoice(StatusException e) {
        String message = String.valueOf(e.getMessage());
        return (e.getStatus() != null && e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND)
                || message.contains("unable to locate invoice")
                || message.contains("there are no existing invoices");
    }

    private static Optional<SettledInvoice> settled(Invoice invoice) {
        if (invoice.getState() != Invoice.InvoiceState.SETTLED || invoice.getAmtPaidMsat() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new SettledInvoice(
                HexFormat.of().formatHex(invoice.getRHash()),
                invoice.getAmtPaidMsat(),
                invoice.getSettleIndex(),
                Instant.ofEpochSecond(invoice.getSettleDate())));
    }

    private static void closeQuietly(API api) {
        try {
            api.close();
        } catch (Exception e) {
            log.debug("closing an LND connection failed", e);
        }
    }
}
