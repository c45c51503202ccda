package com.flash.backoffice.portal.merchant;

/**
 * The unused addresses in a row at the end of a store's key, and the count from which the merchant is warned: a
 * wallet restored from the key stops looking after its gap limit (usually 20) and would miss payments beyond it.
 */
public record AddressGap(int unused, int warnAt) {

    public boolean worrying() {
        return unused >= warnAt;
    }

    public String warning() {
        return "The store's key has " + unused + " unused addresses in a row. A wallet restored from this key looks"
                + " only 20 addresses ahead (its gap limit) and would not show payments beyond them: raise the gap"
                + " limit in the merchant's wallet, or let open invoices expire.";
    }
}
