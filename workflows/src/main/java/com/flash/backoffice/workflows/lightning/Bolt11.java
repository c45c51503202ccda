package com.flash.backoffice.workflows.lightning;

import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the human-readable part of a BOLT11 invoice says before any node decodes it: the network it belongs to. A
 * node refuses to decode an invoice of another network, so the network is read here first.
 */
public final class Bolt11 {

    /** "ln" + currency + optional amount (digits and a multiplier), before the last '1' (the bech32 separator). */
    private static final Pattern HRP = Pattern.compile("ln(bcrt|bc|tbs|tb)(\\d+[munp]?)?");

    private Bolt11() {}

    /** The network of {@code bolt11}'s prefix; empty when it does not start like a BOLT11 invoice. */
    public static Optional<ChainNetwork> network(String bolt11) {
        if (bolt11 == null) {
            return Optional.empty();
        }
        String lower = bolt11.strip().toLowerCase(Locale.ROOT);
        int separator = lower.lastIndexOf('1');
        if (separator < 0) {
            return Optional.empty();
        }
        Matcher hrp = HRP.matcher(lower.substring(0, separator));
        if (!hrp.matches()) {
            return Optional.empty();
        }
        return Optional.of(
                switch (hrp.group(1)) {
                    case "bc" -> ChainNetwork.MAINNET;
                    case "tb" -> ChainNetwork.TESTNET;
                    case "tbs" -> ChainNetwork.SIGNET;
                    default -> ChainNetwork.REGTEST;
                });
    }

    /** "mainnet", "testnet", "signet", "regtest": LND's words for its network (GetInfo chains[].network). */
    static Optional<ChainNetwork> fromLndName(String network) {
        return switch (network == null ? "" : network.toLowerCase(Locale.ROOT)) {
            case "mainnet" -> Optional.of(ChainNetwork.MAINNET);
            case "testnet", "testnet3" -> Optional.of(ChainNetwork.TESTNET);
            case "signet" -> Optional.of(ChainNetwork.SIGNET);
            case "regtest" -> Optional.of(ChainNetwork.REGTEST);
            default -> Optional.empty();
        };
    }
}
