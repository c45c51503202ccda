package com.flash.backoffice.workflows.bitcoin;

import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.crypto.ChildNumber;
import org.bitcoinj.crypto.DeterministicKey;
import org.bitcoinj.crypto.HDKeyDerivation;

/**
 * A merchant's watch-only BIP84 account key. Receive addresses are native SegWit (P2WPKH) at
 * {@code <account>/0/<index>}, which is what BTCPay derives from a plain xpub or a zpub.
 */
public final class WatchOnlyKey {

    private final DeterministicKey account;
    private final ChainNetwork network;

    WatchOnlyKey(DeterministicKey account, ChainNetwork network) {
        this.account = account;
        this.network = network;
    }

    public String receiveAddress(long index) {
        if (index < 0 || index > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("derivation index out of range: " + index);
        }
        DeterministicKey external = HDKeyDerivation.deriveChildKey(account, new ChildNumber(0, false));
        DeterministicKey key = HDKeyDerivation.deriveChildKey(external, new ChildNumber((int) index, false));
        return SegwitAddress.fromHash(network.bitcoinj(), key.getPubKeyHash()).toString();
    }

    public String firstReceiveAddress() {
        return receiveAddress(0);
    }

    public ChainNetwork network() {
        return network;
    }
}
