package com.flash.backoffice.workflows.card;

import java.util.HexFormat;

/**
 * A Bolt Card's five application keys, as the programming app receives them. Never logged: {@link #toString} hides
 * them.
 */
public record CardKeys(byte[] k0, byte[] k1, byte[] k2, byte[] k3, byte[] k4) {

    /** Upper-case hex, the form of the Bolt Card deeplink protocol's {@code K0}..{@code K4}. */
    public String hex(byte[] key) {
        return HexFormat.of().withUpperCase().formatHex(key);
    }

    @Override
    public String toString() {
        return "CardKeys[hidden]";
    }
}
