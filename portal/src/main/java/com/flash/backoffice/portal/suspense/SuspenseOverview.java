package com.flash.backoffice.portal.suspense;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import java.util.List;

/**
 * The suspense account's ledger balance, the open amount of the custodial receipts behind it (the two are equal
 * while every receipt was booked with its entry), and the open receipts, custodial or notes.
 */
public record SuspenseOverview(Msat ledgerBalance, Msat openCustodial, List<SuspenseReceipt> openReceipts) {

    public SuspenseOverview {
        openReceipts = List.copyOf(openReceipts);
    }

    public boolean balanced() {
        return ledgerBalance.equals(openCustodial);
    }
}
