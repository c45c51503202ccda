package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.db.money.Msat;

/**
 * A merchant's balances, from the ledger only: what Flash owes it ({@code custodialBalance}, the merchant liability),
 * the fees it owes Flash for payments to its own wallet ({@code feesReceivable}), what payouts have reserved (zero
 * until payouts exist), and what can be paid out: liability − reserved − fees receivable.
 */
public record MerchantBalances(Msat custodialBalance, Msat feesReceivable, Msat reserved) {

    public Msat payable() {
        return custodialBalance.minus(reserved).minus(feesReceivable);
    }
}
