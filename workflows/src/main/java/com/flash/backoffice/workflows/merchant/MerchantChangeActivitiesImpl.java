package com.flash.backoffice.workflows.merchant;

import com.flash.backoffice.db.merchant.MerchantChangeRepository;
import com.flash.backoffice.db.merchant.MerchantChangeStatus;
import com.flash.backoffice.db.merchant.NewMerchantChange;
import java.time.Instant;
import org.springframework.stereotype.Component;

@Component
public class MerchantChangeActivitiesImpl implements MerchantChangeActivities {

    private final MerchantChangeRepository changes;

    public MerchantChangeActivitiesImpl(MerchantChangeRepository changes) {
        this.changes = changes;
    }

    @Override
    public void record(MerchantChangeRequest request) {
        changes.request(
                new NewMerchantChange(
                        request.changeId(),
                        request.merchantId(),
                        request.before(),
                        request.after(),
                        request.requestedBy(),
                        request.requestedByRoles()),
                Instant.now());
    }

    @Override
    public MerchantChangeStatus apply(String changeId, String note) {
        return changes.apply(changeId, note, Instant.now()).status();
    }

    @Override
    public void close(String changeId, MerchantChangeStatus status, String note) {
        changes.close(changeId, status, note, Instant.now());
    }
}
