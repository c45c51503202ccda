package com.flash.backoffice.db.ledger;

import com.flash.backoffice.db.money.Msat;

/**
 * A merchant's balances, from the ledger only: what Flash owes it ({@code custodialBalance}: its balance account plus
 * the payouts reserved from it), the fees it owes Flash for payments to its own wallet ({@code feesReceivable}), what
 * payouts have reserved ({@code reserved}), what refunds took beyond its balance with FINANCE's leave
 * ({@code refundsReceivable}), and what can be paid out or refunded: owed − reserved − fees and refunds receivable. The one
 * place of that rule: the payout reservation checks it, the merchant page shows it.
 */
public record MerchantBalances(Msat custodialBalance, Msat feesReceivable, Msat reserved, Msat refundsReceivable) {

    public Msat payable() {
        return custodialBalance.minus(reserved).minus(feesReceivable).minus(refundsReceivable);
    }
}
