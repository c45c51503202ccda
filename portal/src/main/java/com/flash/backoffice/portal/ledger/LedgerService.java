package com.flash.backoffice.portal.ledger;

import com.flash.backoffice.db.ledger.AccountTypeBalance;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.notice.FinanceNotice;
import com.flash.backoffice.db.notice.FinanceNoticeRepository;
import com.flash.backoffice.portal.security.StaffRoles;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Read side of the double-entry ledger: every balance the portal shows comes from here. */
@Service
public class LedgerService {

    private final LedgerRepository ledger;
    private final FinanceNoticeRepository notices;

    LedgerService(LedgerRepository ledger, FinanceNoticeRepository notices) {
        this.ledger = ledger;
        this.notices = notices;
    }

    @PreAuthorize(StaffRoles.ANY_STAFF)
    public List<AccountTypeBalance> balancesByAccountType() {
        return ledger.balancesByAccountType();
    }

    /** What finance must look at: settlements reversed for a double spend, newest first. */
    @PreAuthorize("hasRole('" + StaffRoles.FINANCE + "')")
    public List<FinanceNotice> financeNotices() {
        return notices.findRecent(50);
    }
}
