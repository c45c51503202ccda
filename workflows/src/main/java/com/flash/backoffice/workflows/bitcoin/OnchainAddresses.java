package com.flash.backoffice.workflows.bitcoin;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.exceptions.AddressFormatException;

/** Checks on-chain addresses (base58 P2PKH/P2SH, bech32 SegWit v0, bech32m Taproot) with bitcoinj. */
public final class OnchainAddresses {

    /** What an address attempt looks like, valid or not: a SegWit prefix, or base58 of an address's length. */
    private static final Pattern LOOKS_LIKE =
            Pattern.compile("(?i)(bc1|tb1|bcrt1)[0-9a-z]+|[123mn][1-9A-HJ-NP-Za-km-z]{25,39}");

    private OnchainAddresses() {}

    /** Whether {@code text} is meant as an on-chain address (it may still be invalid: see {@link #problem}). */
    public static boolean looksLikeAddress(String text) {
        return text != null && LOOKS_LIKE.matcher(text.strip()).matches();
    }

    /** Empty when {@code address} is a valid address of {@code network}; otherwise why it is not. */
    public static Optional<String> problem(String address, ChainNetwork network) {
        String text = address == null ? "" : address.strip();
        try {
            AddressParser.getDefault(network.bitcoinj()).parseAddress(text);
            return Optional.empty();
        } catch (AddressFormatException wrongNetworkOrInvalid) {
            try {
                Address other = AddressParser.getDefault().parseAddress(text);
                return Optional.of("The address is for " + name(other) + ", but Flash runs on " + name(network));
            } catch (AddressFormatException invalid) {
                return Optional.of("Not a valid Bitcoin address: " + invalid.getMessage());
            }
        }
    }

    private static String name(Address address) {
        return address.network() instanceof BitcoinNetwork bitcoin
                ? bitcoin.name().toLowerCase(Locale.ROOT)
                : address.network().id();
    }

    private static String name(ChainNetwork network) {
        return network.name().toLowerCase(Locale.ROOT);
    }
}
