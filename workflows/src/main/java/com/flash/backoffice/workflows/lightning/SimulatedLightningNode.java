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
 * settles one without any money moving. It announces itself loudly at creation.
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

    private record Entry(String bolt11, String paymentHash, long amountMsat, Instant expiresAt) {}

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
        log.warn("SIMULATED Lightning network — development only: payments are not real and nothing is verified");
    }

    @Override
    public synchronized CreatedInvoice createInvoice(long amountMsat, String memo, Duration expiry) {
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
        long index = ++addIndex;
        String paymentHash = sha256Hex("simulated-invoice:" + index + ":" + System.identityHashCode(this));
        String bolt11 = PREFIX + amountMsat + "m1" + paymentHash;
        invoices.put(
                bolt11,
                new Entry(bolt11, paymentHash, amountMsat, clock.instant().plus(expiry)));
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

    private Optional<SettledInvoice> find(String paymentHash) {
        return settledInOrder.stream()
                .filter(s -> s.paymentHash().equals(paymentHash))
                .findFirst();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
