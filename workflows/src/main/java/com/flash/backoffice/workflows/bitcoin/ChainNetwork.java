package com.flash.backoffice.workflows.bitcoin;

import org.bitcoinj.base.BitcoinNetwork;

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

    BitcoinNetwork bitcoinj() {
        return bitcoinj;
    }

    boolean isMainnet() {
        return this == MAINNET;
    }
}
