package com.flash.backoffice.workflows.payment;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The cold treasury ({@code flash.payment.cold.*}): the treasury key's account, imported into Flash's LND as
 * watch-only at start-up when it is missing.
 *
 * @param enabled whether payouts may be paid from the cold treasury (default false)
 * @param account the name of the watch-only account in LND (default {@code treasury})
 * @param extendedPublicKey the account's extended public key at {@code m/purpose'/coin'/account'} (xpub/zpub,
 *     tpub/vpub on test networks; env {@code FLASH_COLD_XPUB})
 * @param masterKeyFingerprint the 4-byte fingerprint of the hardware wallet's master key, in hex as wallets
 *     show it (e.g. {@code d34db33f}); hardware wallets need it in the PSBT to find their key; optional
 * @param addressType LND's address type of the account: {@code WITNESS_PUBKEY_HASH} (BIP84, default),
 *     {@code NESTED_WITNESS_PUBKEY_HASH} (BIP49) or {@code TAPROOT_PUBKEY} (BIP86); only needed for a plain
 *     xpub/tpub, as zpub/vpub/ypub/upub say it themselves
 * @param lockDuration how long a funded PSBT's coins stay locked for its batch while it is signed offline
 *     (default 7 days; LND's own lease is 10 minutes)
 */
@ConfigurationProperties("flash.payment.cold")
public record ColdTreasuryProperties(
        boolean enabled,
        String account,
        String extendedPublicKey,
        String masterKeyFingerprint,
        String addressType,
        Duration lockDuration) {

    public ColdTreasuryProperties {
        account = account == null || account.isBlank() ? "treasury" : account.strip();
        extendedPublicKey = extendedPublicKey == null ? "" : extendedPublicKey.strip();
        masterKeyFingerprint =
                masterKeyFingerprint == null ? "" : masterKeyFingerprint.strip().toLowerCase(Locale.ROOT);
        addressType = addressType == null || addressType.isBlank()
                ? "WITNESS_PUBKEY_HASH"
                : addressType.strip().toUpperCase(Locale.ROOT);
        lockDuration = lockDuration == null ? Duration.ofDays(7) : lockDuration;
        if (enabled && extendedPublicKey.isEmpty()) {
            throw new IllegalArgumentException("flash.payment.cold.enabled is true, so"
                    + " flash.payment.cold.extended-public-key (FLASH_COLD_XPUB) must be set");
        }
        if (!masterKeyFingerprint.isEmpty() && !masterKeyFingerprint.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("flash.payment.cold.master-key-fingerprint must be 4 bytes in hex"
                    + " (8 digits, e.g. d34db33f): " + masterKeyFingerprint);
        }
        if (!java.util.Set.of("WITNESS_PUBKEY_HASH", "NESTED_WITNESS_PUBKEY_HASH", "TAPROOT_PUBKEY")
                .contains(addressType)) {
            throw new IllegalArgumentException("flash.payment.cold.address-type must be WITNESS_PUBKEY_HASH,"
                    + " NESTED_WITNESS_PUBKEY_HASH or TAPROOT_PUBKEY: " + addressType);
        }
        if (lockDuration.toSeconds() < 60) {
            throw new IllegalArgumentException(
                    "flash.payment.cold.lock-duration must be at least a minute: " + lockDuration);
        }
    }

    /** The fingerprint as LND's ImportAccount takes it; empty when none is configured. */
    byte[] fingerprintForLnd() {
        if (masterKeyFingerprint.isEmpty()) {
            return new byte[0];
        }
        // LND reads these bytes big-endian into a number that btcd's PSBT code writes little-endian: reversed
        // here, the PSBT carries the fingerprint in the order hardware wallets show and compare it.
        byte[] shown = HexFormat.of().parseHex(masterKeyFingerprint);
        return new byte[] {shown[3], shown[2], shown[1], shown[0]};
    }
}
