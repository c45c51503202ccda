package com.flash.backoffice.workflows.bitcoin;

import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.SegwitAddress;

/** The Bitcoin network the back office runs on; test networks share key prefixes but differ in addresses. */
public enum ChainNetwork {
    MAINNET(BitcoinNetwork.MAINNET),
    TESTNET(BitcoinNetwork.TESTNET),
    SIGNET(BitcoinNetwork.SIGNET),
    REGTEST(BitcoinNetwork.REGTEST);

    private final BitcoinNetwork bitcoinj;

    ChainNetwork(BitcoinNetwork bitcoinj) {
        this.bitcoinj = bitcoinj;
    }

    /** The native SegWit (P2WPKH) address of a 20-byte public key hash on this network. */
    public String segwitAddress(byte[] pubKeyHash) {
        return SegwitAddress.fromHash(bitcoinj, pubKeyHash).toString();
    }

    BitcoinNetwork bitcoinj() {
        return bitcoinj;
    }

    boolean isMainnet() {
        return this == MAINNET;
    }
}
