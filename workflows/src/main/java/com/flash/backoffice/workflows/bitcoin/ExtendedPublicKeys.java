package com.flash.backoffice.workflows.bitcoin;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bitcoinj.base.Base58;
import org.bitcoinj.base.exceptions.AddressFormatException;
import org.bitcoinj.crypto.DeterministicKey;

/**
 * Parses a watch-only extended public key (xpub, zpub, tpub, vpub) as a merchant pastes it, with messages a
 * merchant can act on. Private keys and wrapped-SegWit keys are refused.
 */
public final class ExtendedPublicKeys {

    private static final int XPUB = 0x0488B21E;
    private static final int ZPUB = 0x04B24746;
    private static final int YPUB = 0x049D7CB2;
    private static final int TPUB = 0x043587CF;
    private static final int VPUB = 0x045F1CF6;
    private static final int UPUB = 0x044A5262;
    private static final int XPRV = 0x0488ADE4;
    private static final int YPRV = 0x049D7878;
    private static final int ZPRV = 0x04B2430C;
    private static final int TPRV = 0x04358394;
    private static final int VPRV = 0x045F18BC;

    private ExtendedPublicKeys() {}

    public static WatchOnlyKey parse(String text, ChainNetwork network) {
        if (text == null || text.isBlank()) {
            throw new InvalidExtendedKeyException("Enter the wallet's extended public key (zpub or xpub).");
        }
        byte[] bytes;
        try {
            bytes = Base58.decodeChecked(text.strip());
        } catch (AddressFormatException e) {
            throw new InvalidExtendedKeyException(
                    "Not an extended public key: the text is not valid Base58 or its checksum is wrong.");
        }
        if (bytes.length != 78) {
            throw new InvalidExtendedKeyException("Not an extended public key: it must decode to 78 bytes.");
        }
        int version = ByteBuffer.wrap(bytes, 0, 4).getInt();
        boolean mainnetKey = checkVersion(version);
        if (mainnetKey != network.isMainnet()) {
            throw new InvalidExtendedKeyException(
                    mainnetKey
                            ? "This is a mainnet key, but the back office runs on "
                                    + network.name().toLowerCase() + "."
                            : "This is a test-network key, but the back office runs on mainnet.");
        }
        byte[] standard = Arrays.copyOf(bytes, bytes.length);
        ByteBuffer.wrap(standard, 0, 4).putInt(mainnetKey ? XPUB : TPUB);
        try {
            DeterministicKey account = DeterministicKey.deserialize(network.bitcoinj(), standard);
            return new WatchOnlyKey(account, network);
        } catch (IllegalArgumentException e) {
            throw new InvalidExtendedKeyException("Not a valid extended public key: " + e.getMessage());
        }
    }

    /** Returns whether the key is for mainnet; refuses what must not or cannot be used. */
    private static boolean checkVersion(int version) {
        return switch (version) {
            case XPUB, ZPUB -> true;
            case TPUB, VPUB -> false;
            case XPRV, YPRV, ZPRV, TPRV, VPRV ->
                throw new InvalidExtendedKeyException("This is a PRIVATE key. Never share it: export the wallet's"
                        + " watch-only extended PUBLIC key (zpub) instead.");
            case YPUB, UPUB ->
                throw new InvalidExtendedKeyException("Wrapped SegWit (ypub/upub) is not supported: export the"
                        + " native SegWit (BIP84) zpub from the wallet.");
            default -> throw new InvalidExtendedKeyException("Unknown key type: expected a zpub, xpub, vpub or tpub.");
        };
    }
}
