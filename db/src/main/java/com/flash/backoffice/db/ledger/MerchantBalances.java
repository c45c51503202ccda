package com.flash.backoffice.db.ledger;

import com.flash.backoffice.db.money.Msat;

/**
 * A merchant's balances, from the ledger only: what Flash owes it ({@code custodialBalance}: its balance account plus
 * the payouts reserved from it), the fees it owes Flash for payments to its own wallet ({@code feesReceivable}), what
 * payouts have reserved ({@code reserved}), and what can be paid out: owed − reserved − fees receivable. The one
 * place of that rule: the payout reservation checks it, the merchant page shows it.
 */
public record MerchantBalances(Msat custodialBalance, Msat feesReceivable, Msat reserved) {

    public Msat payable() {
        return custodialBalance.minus(reserved).minus(feesReceivable);
    }
}
