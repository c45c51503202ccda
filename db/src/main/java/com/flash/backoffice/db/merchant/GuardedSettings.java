package com.flash.backoffice.db.merchant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A merchant's settings that decide where its money goes: the watch-only key its addresses come from, the payout
 * destination and the on-chain custody. One person cannot change them alone (two-person rule, {@link
 * MerchantChangeRepository}).
 *
 * @param derivationScheme null when the merchant has no watch-only key
 * @param payoutDestination null when none is set
 */
public record GuardedSettings(String derivationScheme, String payoutDestination, OnchainCustody onchainCustody) {

    public static final String WATCH_ONLY_KEY = "watch-only key";
    public static final String PAYOUT_DESTINATION = "payout destination";
    public static final String CUSTODY = "on-chain custody";

    public GuardedSettings {
        Objects.requireNonNull(onchainCustody, "onchainCustody");
    }

    public static GuardedSettings of(Merchant merchant) {
        return new GuardedSettings(
                merchant.derivationScheme(), merchant.payoutDestination(), merchant.onchainCustody());
    }

    public static GuardedSettings of(NewMerchant merchant) {
        return new GuardedSettings(
                merchant.derivationScheme(), merchant.payoutDestination(), merchant.onchainCustody());
    }

    /** The names of the settings that differ, in the order the merchant form shows them. */
    public List<String> changesTo(GuardedSettings other) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(derivationScheme, other.derivationScheme)) {
            changed.add(WATCH_ONLY_KEY);
        }
        if (!Objects.equals(payoutDestination, other.payoutDestination)) {
            changed.add(PAYOUT_DESTINATION);
        }
        if (onchainCustody != other.onchainCustody) {
            changed.add(CUSTODY);
        }
        return changed;
    }

    /** For the audit log. */
    Map<String, Object> asMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("derivationScheme", derivationScheme);
        values.put("payoutDestination", payoutDestination);
        values.put("onchainCustody", onchainCustody.name());
        return values;
    }
}
