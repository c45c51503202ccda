package com.flash.backoffice.workflows.lightning;

/** The kind of address {@link LightningNode#newAddress} asks the node's on-chain wallet for. */
public enum WalletAddressType {
    /** Native SegWit v0 (P2WPKH, {@code bc1q...}). */
    WITNESS_PUBKEY_HASH,
    /** SegWit v1 (P2TR, {@code bc1p...}). */
    TAPROOT
}
