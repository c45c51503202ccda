package com.flash.backoffice.workflows.lightning;

import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.lightningj.lnd.wrapper.API;
import org.lightningj.lnd.wrapper.AsynchronousLndAPI;
import org.lightningj.lnd.wrapper.StatusException;
import org.lightningj.lnd.wrapper.SynchronousLndAPI;
import org.lightningj.lnd.wrapper.ValidationException;
import org.lightningj.lnd.wrapper.message.AddInvoiceResponse;
import org.lightningj.lnd.wrapper.message.AddressType;
import org.lightningj.lnd.wrapper.message.GetInfoResponse;
import org.lightningj.lnd.wrapper.message.Invoice;
import org.lightningj.lnd.wrapper.message.InvoiceSubscription;
import org.lightningj.lnd.wrapper.message.PayReq;
import org.lightningj.lnd.wrapper.message.Payment;
import org.lightningj.lnd.wrapper.message.PaymentFailureReason;
import org.lightningj.lnd.wrapper.router.AsynchronousRouterAPI;
import org.lightningj.lnd.wrapper.router.message.SendPaymentRequest;
import org.lightningj.lnd.wrapper.router.message.TrackPaymentRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LightningNode} over LND's gRPC interface with lightningj. Each subscription has its own connection,
 * closed with it; outgoing payments go through the router sub-server (SendPaymentV2, TrackPaymentV2) on a
 * connection of their own.
 */
public final class LndLightningNode implements LightningNode, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LndLightningNode.class);

    private final LndProperties properties;
    /** How long TrackPaymentV2 may take for its first answer (the current state) before the node counts as down. */
    private static final Duration FIRST_ANSWER = Duration.ofSeconds(30);

    private final SynchronousLndAPI api;
    private final AsynchronousRouterAPI router;
    private volatile NodeInfo info;
    private final DecodedInvoiceCache decoded = new DecodedInvoiceCache(1_024);

    private record NodeInfo(String pubkey, ChainNetwork network) {}

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
        try {
            router = new AsynchronousRouterAPI(
                    properties.host(),
                    properties.port(),
                    properties.tlsCertPath().toFile(),
                    properties.macaroonPath().toFile());
        } catch (Exception e) {
            closeQuietly(api);
            throw new LightningNodeException(
                    "cannot connect to LND's router at " + properties.host() + ":" + properties.port(), e);
        }
    }

    @Override
    public CreatedInvoice createInvoice(long amountMsat, String memo, Duration expiry) {
        Invoice invoice = invoice(amountMsat, expiry);
        invoice.setMemo(memo == null ? "" : memo);
        return add(invoice);
    }

    @Override
    public CreatedInvoice createInvoiceForDescriptionHash(long amountMsat, byte[] descriptionHash, Duration expiry) {
        if (descriptionHash == null || descriptionHash.length != 32) {
            throw new IllegalArgumentException("a description hash is 32 bytes");
        }
        Invoice invoice = invoice(amountMsat, expiry);
        invoice.setDescriptionHash(descriptionHash.clone());
        return add(invoice);
    }

    private static Invoice invoice(long amountMsat, Duration expiry) {
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
        Invoice invoice = new Invoice();
        invoice.setValueMsat(amountMsat);
        invoice.setExpiry(Math.max(1, expiry.toSeconds()));
        return invoice;
    }

    private CreatedInvoice add(Invoice invoice) {
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
    public String identityPubkey() {
        return info().pubkey();
    }

    @Override
    public DecodedInvoice decode(String bolt11) {
        String request = bolt11 == null ? "" : bolt11.strip();
        ChainNetwork network = Bolt11.network(request)
                .orElseThrow(() -> new InvalidInvoiceException(
                        InvalidInvoiceException.Reason.MALFORMED,
                        "Not a BOLT11 invoice: it starts with lnbc, lntb, lntbs or lnbcrt"));
        ChainNetwork own = info().network();
        if (network != own) {
            throw wrongNetwork(network, own);
        }
        return decoded.decode(request, this::decodeOnNode);
    }

    private DecodedInvoice decodeOnNode(String request) {
        ChainNetwork network = info().network();
        PayReq decoded;
        try {
            decoded = api.decodePayReq(request);
        } catch (StatusException e) {
            if (unreachable(code(e))) {
                throw new LightningNodeException("LND DecodePayReq failed: " + e.getMessage(), e);
            }
            throw new InvalidInvoiceException(
                    InvalidInvoiceException.Reason.MALFORMED, "Not a valid BOLT11 invoice: " + e.getMessage());
        } catch (ValidationException e) {
            throw new LightningNodeException("LND DecodePayReq failed: " + e.getMessage(), e);
        }
        Instant created = Instant.ofEpochSecond(decoded.getTimestamp());
        return new DecodedInvoice(
                network,
                decoded.getPaymentHash(),
                decoded.getNumMsat(),
                created,
                created.plusSeconds(decoded.getExpiry()),
                decoded.getDestination(),
                decoded.getDescription(),
                decoded.getDescriptionHash() == null
                                || decoded.getDescriptionHash().isBlank()
                        ? null
                        : decoded.getDescriptionHash().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Optional<LightningPayment> trackPayment(String paymentHash, Duration wait) {
        TrackPaymentRequest request = new TrackPaymentRequest();
        request.setPaymentHash(HexFormat.of().parseHex(paymentHash));
        request.setNoInflightUpdates(false);
        PaymentUpdates updates = new PaymentUpdates("TrackPaymentV2");
        updates.start(observer -> router.trackPaymentV2(request, observer));
        try {
            // TrackPaymentV2 answers with the current state at once: silence is an error, never "unknown"
            return updates.awaitFinal(wait, maxOf(wait, FIRST_ANSWER)).map(LndLightningNode::payment);
        } catch (PaymentStreamException e) {
            if (e.code == Status.Code.NOT_FOUND
                    || String.valueOf(e.getMessage()).contains("isn't initiated")) {
                return Optional.empty();
            }
            throw new LightningNodeException("LND TrackPaymentV2 failed: " + e.getMessage(), e);
        } finally {
            updates.stop();
        }
    }

    @Override
    public LightningPayment sendPayment(OutgoingPayment payment, Duration wait) {
        DecodedInvoice invoice = decode(payment.bolt11());
        SendPaymentRequest request = new SendPaymentRequest();
        request.setPaymentRequest(payment.bolt11().strip());
        if (payment.amountMsat() > 0) {
            request.setAmtMsat(payment.amountMsat());
        }
        request.setFeeLimitMsat(payment.feeLimitMsat());
        request.setTimeoutSeconds(Math.toIntExact(payment.timeout().toSeconds()));
        request.setNoInflightUpdates(false);
        long amountMsat = invoice.hasAmount() ? invoice.amountMsat() : payment.amountMsat();
        PaymentUpdates updates = new PaymentUpdates("SendPaymentV2");
        updates.start(observer -> router.sendPaymentV2(request, observer));
        try {
            Optional<LightningPayment> update = updates.awaitFinal(wait, wait).map(LndLightningNode::payment);
            if (update.isPresent() && update.get().isFinal()) {
                return update.get();
            }
            // still in flight, or no update yet: the node's record of the payment says where it stands
            return trackPayment(invoice.paymentHash(), Duration.ZERO)
                    .orElseGet(() -> LightningPayment.inFlight(invoice.paymentHash(), amountMsat));
        } catch (PaymentStreamException e) {
            if (unreachable(e.code)) {
                throw new LightningNodeException("LND SendPaymentV2 failed: " + e.getMessage(), e);
            }
            if (e.code == Status.Code.ALREADY_EXISTS) {
                // paid or in flight already: the node's record of that payment is the answer
                return trackPayment(invoice.paymentHash(), wait)
                        .orElseThrow(() -> new LightningNodeException(
                                "LND refused SendPaymentV2 as a duplicate but tracks no payment: " + e.getMessage(),
                                e));
            }
            String detail = String.valueOf(e.getMessage());
            LightningFailureReason reason = detail.contains("invoice expired")
                    ? LightningFailureReason.INCORRECT_PAYMENT_DETAILS
                    : LightningFailureReason.ERROR;
            return LightningPayment.failed(invoice.paymentHash(), amountMsat, reason, "LND refused to send: " + detail);
        } finally {
            updates.stop();
        }
    }

    @Override
    public void close() {
        closeQuietly(router);
        closeQuietly(api);
    }

    private NodeInfo info() {
        NodeInfo known = info;
        if (known != null) {
            return known;
        }
        try {
            GetInfoResponse response = api.getInfo();
            String name = response.getChains().isEmpty()
                    ? ""
                    : response.getChains().get(0).getNetwork();
            ChainNetwork network = Bolt11.fromLndName(name)
                    .orElseThrow(() -> new LightningNodeException("LND runs on an unknown network: " + name, null));
            known = new NodeInfo(response.getIdentityPubkey(), network);
            info = known;
            return known;
        } catch (StatusException | ValidationException e) {
            throw new LightningNodeException("LND GetInfo failed: " + e.getMessage(), e);
        }
    }

    private static Duration maxOf(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static InvalidInvoiceException wrongNetwork(ChainNetwork invoice, ChainNetwork node) {
        return new InvalidInvoiceException(
                InvalidInvoiceException.Reason.WRONG_NETWORK,
                "The invoice is for " + invoice.name().toLowerCase(java.util.Locale.ROOT)
                        + ", but Flash's node runs on " + node.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static LightningPayment payment(Payment payment) {
        String hash = payment.getPaymentHash();
        return switch (payment.getStatus()) {
            case SUCCEEDED ->
                LightningPayment.succeeded(
                        hash, payment.getValueMsat(), payment.getFeeMsat(), payment.getPaymentPreimage());
            case FAILED ->
                LightningPayment.failed(
                        hash,
                        payment.getValueMsat(),
                        reason(payment.getFailureReason()),
                        payment.getFailureReason().name());
            default -> LightningPayment.inFlight(hash, payment.getValueMsat());
        };
    }

    private static LightningFailureReason reason(PaymentFailureReason reason) {
        if (reason == null) {
            return LightningFailureReason.ERROR;
        }
        return switch (reason) {
            case FAILURE_REASON_NO_ROUTE -> LightningFailureReason.NO_ROUTE;
            case FAILURE_REASON_INSUFFICIENT_BALANCE -> LightningFailureReason.INSUFFICIENT_BALANCE;
            case FAILURE_REASON_INCORRECT_PAYMENT_DETAILS -> LightningFailureReason.INCORRECT_PAYMENT_DETAILS;
            case FAILURE_REASON_TIMEOUT -> LightningFailureReason.TIMEOUT;
            default -> LightningFailureReason.ERROR;
        };
    }

    private static Status.Code code(Throwable error) {
        if (error instanceof StatusException status && status.getStatus() != null) {
            return status.getStatus().getCode();
        }
        return Status.fromThrowable(error).getCode();
    }

    private static boolean unreachable(Status.Code code) {
        return code == Status.Code.UNAVAILABLE
                || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.UNAUTHENTICATED
                || code == Status.Code.PERMISSION_DENIED
                || code == Status.Code.UNIMPLEMENTED;
    }

    /** A payment stream ended with an error before a final state. */
    private static final class PaymentStreamException extends RuntimeException {
        private final Status.Code code;

        PaymentStreamException(Throwable cause) {
            super(cause.getMessage(), cause);
            this.code = code(cause);
        }
    }

    @FunctionalInterface
    private interface StreamStart {
        void start(StreamObserver<Payment> observer) throws StatusException, ValidationException;
    }

    /**
     * The updates of one payment stream, read until a final state or a deadline. The stream runs in a cancellable
     * gRPC context, so {@link #stop()} ends the call; LND's payment itself goes on without it.
     */
    private static final class PaymentUpdates implements StreamObserver<Payment> {
        private static final Object COMPLETED = new Object();

        private final String call;
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final Context.CancellableContext context = Context.current().withCancellation();

        PaymentUpdates(String call) {
            this.call = call;
        }

        void start(StreamStart start) {
            Context previous = context.attach();
            try {
                start.start(this);
            } catch (StatusException | ValidationException e) {
                throw new LightningNodeException("LND " + call + " failed: " + e.getMessage(), e);
            } finally {
                context.detach(previous);
            }
        }

        /**
         * The final state, or the last one seen after {@code wait}; empty when the stream ended without any. No
         * answer at all within {@code firstAnswer} (at least {@code wait}) is an error when it exceeds {@code
         * wait}, and an empty answer otherwise.
         */
        Optional<Payment> awaitFinal(Duration wait, Duration firstAnswer) {
            long start = System.nanoTime();
            long deadline = start + wait.toNanos();
            long firstDeadline = start + Math.max(wait.toNanos(), firstAnswer.toNanos());
            Payment last = null;
            try {
                while (true) {
                    long left = (last == null ? firstDeadline : deadline) - System.nanoTime();
                    Object next = queue.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                    if (next == null && last == null && firstAnswer.compareTo(wait) > 0) {
                        throw new LightningNodeException(
                                "LND " + call + " gave no answer within " + firstAnswer.toSeconds() + " s", null);
                    }
                    if (next == null || next == COMPLETED) {
                        return Optional.ofNullable(last);
                    }
                    if (next instanceof Throwable error) {
                        throw new PaymentStreamException(error);
                    }
                    last = (Payment) next;
                    Payment.PaymentStatus status = last.getStatus();
                    if (status == Payment.PaymentStatus.SUCCEEDED || status == Payment.PaymentStatus.FAILED) {
                        return Optional.of(last);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LightningNodeException("interrupted waiting for LND " + call, e);
            }
        }

        void stop() {
            context.cancel(null);
        }

        @Override
        public void onNext(Payment payment) {
            queue.add(payment);
        }

        @Override
        public void onError(Throwable error) {
            queue.add(error);
        }

        @Override
        public void onCompleted() {
            queue.add(COMPLETED);
        }
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
