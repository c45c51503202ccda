package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.bitcoin.OnchainAddresses;
import com.flash.backoffice.workflows.lightning.DecodedInvoice;
import com.flash.backoffice.workflows.lightning.InvalidInvoiceException;
import com.flash.backoffice.workflows.lightning.LightningNode;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link PaymentDestinations} with Flash's Lightning node decoding BOLT11 invoices and bitcoinj checking on-chain
 * addresses for the configured network.
 */
public class NodePaymentDestinations implements PaymentDestinations {

    /** Bitcoin Core's dust limit for the costliest standard output (P2PKH); smaller ones do not relay. */
    static final long DUST_LIMIT_SAT = 546;

    private final LightningNode node;
    private final ChainNetwork network;
    private final Clock clock;

    public NodePaymentDestinations(LightningNode node, ChainNetwork network, Clock clock) {
        this.node = node;
        this.network = network;
        this.clock = clock;
    }

    @Override
    public DestinationKind kind(String destination) {
        if (destination == null || destination.isBlank()) {
            return DestinationKind.UNKNOWN;
        }
        String text = destination.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (DestinationForms.looksLikeLnurl(text)) {
            return DestinationKind.LNURL_PAY;
        }
        if (lower.startsWith("ln")) {
            return DestinationKind.BOLT11;
        }
        if (text.indexOf('@') > 0) {
            return DestinationKind.LIGHTNING_ADDRESS;
        }
        if (OnchainAddresses.looksLikeAddress(text)) {
            return DestinationKind.ONCHAIN;
        }
        return DestinationKind.UNKNOWN;
    }

    @Override
    public Optional<DestinationProblem> problem(String destination, long amountMsat) {
        DestinationKind kind = kind(destination);
        if (amountMsat <= 0) {
            return problem(kind, "The amount must be positive, not " + amountMsat + " msat");
        }
        return switch (kind) {
            case BOLT11 -> invoiceProblem(destination.strip(), amountMsat).flatMap(m -> problem(kind, m));
            case LIGHTNING_ADDRESS ->
                DestinationForms.lightningAddressProblem(destination).flatMap(m -> problem(kind, m));
            case LNURL_PAY -> DestinationForms.lnurlProblem(destination).flatMap(m -> problem(kind, m));
            case ONCHAIN ->
                OnchainAddresses.problem(destination, network)
                        .or(() -> onchainAmountProblem(amountMsat))
                        .flatMap(m -> problem(kind, m));
            case UNKNOWN ->
                problem(kind, "Not a BOLT11 invoice, Lightning address (user@domain), LNURL or Bitcoin address");
        };
    }

    @Override
    public Optional<DestinationProblem> problem(String bolt11, DecodedInvoice decoded, long amountMsat) {
        if (amountMsat <= 0) {
            return problem(DestinationKind.BOLT11, "The amount must be positive, not " + amountMsat + " msat");
        }
        return decodedProblem(decoded, amountMsat).flatMap(m -> problem(DestinationKind.BOLT11, m));
    }

    private Optional<String> invoiceProblem(String bolt11, long amountMsat) {
        DecodedInvoice invoice;
        try {
            invoice = node.decode(bolt11);
        } catch (InvalidInvoiceException e) {
            return Optional.of(e.getMessage());
        }
        return decodedProblem(invoice, amountMsat);
    }

    private Optional<String> decodedProblem(DecodedInvoice invoice, long amountMsat) {
        if (invoice.network() != network) {
            return Optional.of(
                    "The invoice is for " + name(invoice.network()) + ", but Flash runs on " + name(network));
        }
        if (invoice.destination().equalsIgnoreCase(node.identityPubkey())) {
            return Optional.of("The invoice pays one of Flash's own invoices: Flash's node cannot pay itself");
        }
        if (invoice.expiredAt(clock.instant())) {
            return Optional.of("The invoice expired at " + invoice.expiresAt());
        }
        if (invoice.hasAmount() && invoice.amountMsat() != amountMsat) {
            return Optional.of("The invoice asks for " + invoice.amountMsat() + " msat, not the " + amountMsat
                    + " msat to be paid");
        }
        return Optional.empty();
    }

    /** Checked before the payment joins a batch: one unpayable output would sink the whole transaction. */
    private static Optional<String> onchainAmountProblem(long amountMsat) {
        if (amountMsat % 1_000 != 0) {
            return Optional.of("On-chain amounts are whole satoshis, not " + amountMsat + " msat");
        }
        if (amountMsat < DUST_LIMIT_SAT * 1_000) {
            return Optional.of("On-chain payments start at " + DUST_LIMIT_SAT + " sat (smaller outputs are dust)");
        }
        return Optional.empty();
    }

    private static Optional<DestinationProblem> problem(DestinationKind kind, String message) {
        return Optional.of(new DestinationProblem(kind, message));
    }

    private static String name(ChainNetwork network) {
        return network.name().toLowerCase(Locale.ROOT);
    }
}
