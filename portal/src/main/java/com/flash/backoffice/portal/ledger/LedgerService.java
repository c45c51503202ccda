package com.flash.backoffice.portal.ledger;

import com.flash.backoffice.db.ledger.AccountTypeBalance;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.portal.security.StaffRoles;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Read side of the double-entry ledger: every balance the portal shows comes from here. */
@Service
public class LedgerService {

    private final LedgerRepository ledger;

    LedgerService(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    @PreAuthorize(StaffRoles.ANY_STAFF)
    public List<AccountTypeBalance> balancesByAccountType() {
        return ledger.balancesByAccountType();
    }
}
