package com.flash.backoffice.workflows.lightning;

import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEVELOPMENT ONLY: an in-memory Lightning node. Its "BOLT11" strings are not real invoices and {@link #pay}
 * settles one without any money moving. Outgoing payments go to invoices of {@link #foreignInvoice} (another
 * simulated node's) and succeed at once without a fee. It announces itself loudly at creation.
 */
public final class SimulatedLightningNode implements LightningNode {

    private static final Logger log = LoggerFactory.getLogger(SimulatedLightningNode.class);
    private static final String PREFIX = "lnsimulated";

    private final Clock clock;
    private final ChainNetwork network;
    private long walletAddresses;
    private final Map<String, Entry> invoices = new LinkedHashMap<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<SettledInvoice> settledInOrder = new ArrayList<>();
    private long addIndex;

    private final String pubkey;
    /** The one "other" node every simulated node's foreign invoices come from. */
    private static final String FOREIGN_PUBKEY = "03" + sha256Hex("simulated-foreign-node");

    private static final java.util.regex.Pattern FOREIGN =
            java.util.regex.Pattern.compile(PREFIX + "(\\d+)m(-?\\d+)t(-?\\d+)x1([0-9a-f]{64})");
    private final Map<String, LightningPayment> outgoing = new LinkedHashMap<>();

    private record Entry(
            String bolt11, String paymentHash, long amountMsat, Instant expiresAt, String descriptionHash) {}

    private record Foreign(DecodedInvoice invoice, String preimage) {}

    private record Subscriber(Consumer<SettledInvoice> consumer, AtomicBoolean active) {}

    public SimulatedLightningNode() {
        this(Clock.systemUTC());
    }

    public SimulatedLightningNode(Clock clock) {
        this(clock, ChainNetwork.REGTEST);
    }

    /** {@code network}: the one its wallet's addresses belong to (the simulated chain pays any address). */
    public SimulatedLightningNode(Clock clock, ChainNetwork network) {
        this.clock = clock;
        this.network = network;
        this.pubkey = "02" + sha256Hex("simulated-node:" + System.identityHashCode(this));
        log.warn("SIMULATED Lightning network — development only: payments are not real and nothing is verified");
    }

    @Override
    public CreatedInvoice createInvoice(long amountMsat, String memo, Duration expiry) {
        return create(amountMsat, null, expiry);
    }

    @Override
    public CreatedInvoice createInvoiceForDescriptionHash(long amountMsat, byte[] descriptionHash, Duration expiry) {
        if (descriptionHash == null || descriptionHash.length != 32) {
            throw new IllegalArgumentException("a description hash is 32 bytes");
        }
        return create(amountMsat, HexFormat.of().formatHex(descriptionHash), expiry);
    }

    private synchronized CreatedInvoice create(long amountMsat, String descriptionHash, Duration expiry) {
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
        long index = ++addIndex;
        String paymentHash = sha256Hex("simulated-invoice:" + index + ":" + System.identityHashCode(this));
        String bolt11 = PREFIX + amountMsat + "m1" + paymentHash;
        invoices.put(
                bolt11,
                new Entry(bolt11, paymentHash, amountMsat, clock.instant().plus(expiry), descriptionHash));
        return new CreatedInvoice(bolt11, paymentHash, index);
    }

    /** A valid P2WPKH address of the network (Taproot is not simulated), from a hash no key will ever match. */
    @Override
    public synchronized String newAddress(WalletAddressType type) {
        long index = ++walletAddresses;
        byte[] hash =
                HexFormat.of().parseHex(sha256Hex("simulated-wallet:" + index + ":" + System.identityHashCode(this)));
        return network.segwitAddress(Arrays.copyOf(hash, 20));
    }

    /** Settles the invoice as if a customer paid it; returns the settlement (the same one if paid before). */
    public SettledInvoice pay(String bolt11) {
        SettledInvoice settled;
        synchronized (this) {
            Entry entry = invoices.get(bolt11);
            if (entry == null) {
                throw new IllegalArgumentException("not an invoice of this simulated node: " + bolt11);
            }
            Optional<SettledInvoice> before = find(entry.paymentHash());
            if (before.isPresent()) {
                return before.get();
            }
            if (clock.instant().isAfter(entry.expiresAt())) {
                throw new IllegalStateException("the invoice expired at " + entry.expiresAt());
            }
            settled = new SettledInvoice(
                    entry.paymentHash(), entry.amountMsat(), settledInOrder.size() + 1L, clock.instant());
            settledInOrder.add(settled);
        }
        for (Subscriber subscriber : subscribers) {
            if (subscriber.active().get()) {
                subscriber.consumer().accept(settled);
            }
        }
        return settled;
    }

    @Override
    public LightningSubscription subscribeSettledInvoices(long afterSettleIndex, Consumer<SettledInvoice> onSettled) {
        AtomicBoolean active = new AtomicBoolean(true);
        List<SettledInvoice> backlog;
        synchronized (this) {
            backlog = settledInOrder.stream()
                    .filter(s -> s.settleIndex() > afterSettleIndex)
                    .toList();
            subscribers.add(new Subscriber(onSettled, active));
        }
        backlog.forEach(onSettled);
        return new LightningSubscription() {
            @Override
            public boolean isActive() {
                return active.get();
            }

            @Override
            public void close() {
                active.set(false);
                subscribers.removeIf(s -> s.active() == active);
            }
        };
    }

    @Override
    public synchronized Optional<SettledInvoice> lookup(String paymentHash) {
        return find(paymentHash);
    }

    /**
     * An invoice of another simulated node, for Flash to pay: {@code amountMsat} 0 leaves the amount to the payer.
     */
    public synchronized String foreignInvoice(long amountMsat, Duration expiry) {
        if (amountMsat < 0) {
            throw new IllegalArgumentException("amountMsat must not be negative: " + amountMsat);
        }
        long index = ++addIndex;
        String preimage = sha256Hex("simulated-preimage:" + index + ":" + System.identityHashCode(this));
        Instant now = clock.instant();
        // self-describing, so any simulated node (another application instance, say) can decode and pay it
        return PREFIX + amountMsat + "m" + now.getEpochSecond() + "t" + expiry.getSeconds() + "x1" + preimage;
    }

    /** A foreign invoice as {@link #foreignInvoice} wrote it: amount, creation, expiry and the payee's preimage. */
    private Optional<Foreign> foreign(String bolt11) {
        java.util.regex.Matcher m = FOREIGN.matcher(bolt11);
        if (!m.matches()) {
            return Optional.empty();
        }
        String preimage = m.group(4);
        Instant created = Instant.ofEpochSecond(Long.parseLong(m.group(2)));
        return Optional.of(new Foreign(
                new DecodedInvoice(
                        network,
                        sha256Hex(HexFormat.of().parseHex(preimage)),
                        Long.parseLong(m.group(1)),
                        created,
                        created.plusSeconds(Long.parseLong(m.group(3))),
                        FOREIGN_PUBKEY,
                        "simulated",
                        null),
                preimage));
    }

    @Override
    public String identityPubkey() {
        return pubkey;
    }

    @Override
    public synchronized DecodedInvoice decode(String bolt11) {
        String request = bolt11 == null ? "" : bolt11.strip();
        Optional<Foreign> foreign = foreign(request);
        if (foreign.isPresent()) {
            return foreign.get().invoice();
        }
        Entry own = invoices.get(request);
        if (own != null) {
            Instant created = own.expiresAt().minusSeconds(1);
            return new DecodedInvoice(
                    network,
                    own.paymentHash(),
                    own.amountMsat(),
                    created,
                    own.expiresAt(),
                    pubkey,
                    own.descriptionHash() == null ? "simulated" : null,
                    own.descriptionHash());
        }
        Optional<ChainNetwork> real = Bolt11.network(request);
        if (real.isPresent() && real.get() != network) {
            throw new InvalidInvoiceException(
                    InvalidInvoiceException.Reason.WRONG_NETWORK,
                    "The invoice is for " + real.get().name().toLowerCase(java.util.Locale.ROOT)
                            + ", but Flash's node runs on " + network.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw new InvalidInvoiceException(
                InvalidInvoiceException.Reason.MALFORMED,
                request.startsWith(PREFIX) || real.isPresent()
                        ? "Not an invoice of the simulated Lightning network"
                        : "Not a BOLT11 invoice: it starts with lnbc, lntb, lntbs or lnbcrt");
    }

    @Override
    public synchronized Optional<LightningPayment> trackPayment(String paymentHash, Duration wait) {
        return Optional.ofNullable(outgoing.get(paymentHash));
    }

    @Override
    public synchronized LightningPayment sendPayment(OutgoingPayment payment, Duration wait) {
        DecodedInvoice invoice = decode(payment.bolt11());
        LightningPayment before = outgoing.get(invoice.paymentHash());
        if (before != null && before.status() != LightningPaymentStatus.FAILED) {
            return before;
        }
        long amountMsat = invoice.hasAmount() ? invoice.amountMsat() : payment.amountMsat();
        Foreign foreign = foreign(payment.bolt11().strip()).orElse(null);
        LightningPayment result;
        if (foreign == null) {
            result = LightningPayment.failed(
                    invoice.paymentHash(), amountMsat, LightningFailureReason.ERROR, "no self-payments allowed");
        } else if (invoice.expiredAt(clock.instant())) {
            result = LightningPayment.failed(
                    invoice.paymentHash(),
                    amountMsat,
                    LightningFailureReason.INCORRECT_PAYMENT_DETAILS,
                    "invoice expired");
        } else if (amountMsat <= 0) {
            result = LightningPayment.failed(
                    invoice.paymentHash(),
                    amountMsat,
                    LightningFailureReason.ERROR,
                    "amount must be specified when paying a zero amount invoice");
        } else {
            result = LightningPayment.succeeded(invoice.paymentHash(), amountMsat, 0, foreign.preimage());
        }
        outgoing.put(invoice.paymentHash(), result);
        return result;
    }

    private Optional<SettledInvoice> find(String paymentHash) {
        return settledInOrder.stream()
                .filter(s -> s.paymentHash().equals(paymentHash))
                .findFirst();
    }

    private static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
