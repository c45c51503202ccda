package com.flash.backoffice.workflows.watch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.crypto.ChildNumber;
import org.bitcoinj.crypto.DeterministicKey;
import org.bitcoinj.crypto.HDKeyDerivation;

/** A BIP84 test-network account key (m/84'/1'/0') from a fixed seed, as a merchant's wallet would export it. */
public final class RegtestAccountKeys {

    private RegtestAccountKeys() {}

    /** The vpub of account 0 of the wallet seeded by SHA-256({@code seedPhrase}). */
    public static String vpub(String seedPhrase) {
        try {
            byte[] seed = MessageDigest.getInstance("SHA-256").digest(seedPhrase.getBytes(StandardCharsets.UTF_8));
            DeterministicKey master = HDKeyDerivation.createMasterPrivateKey(seed);
            DeterministicKey purpose = HDKeyDerivation.deriveChildKey(master, new ChildNumber(84, true));
            DeterministicKey coin = HDKeyDerivation.deriveChildKey(purpose, new ChildNumber(1, true));
            DeterministicKey account = HDKeyDerivation.deriveChildKey(coin, new ChildNumber(0, true));
            return account.dropPrivateBytes().dropParent().serializePubB58(BitcoinNetwork.TESTNET, ScriptType.P2WPKH);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
