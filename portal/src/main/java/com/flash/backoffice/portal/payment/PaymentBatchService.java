package com.flash.backoffice.portal.payment;

import com.flash.backoffice.db.payment.BatchSummary;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentBatch;
import com.flash.backoffice.db.payment.PaymentBatchRepository;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.workflows.payment.OnchainBatcher;
import com.flash.backoffice.workflows.payment.OnchainPaymentProperties;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** FINANCE's view of the on-chain batches, and the batcher's "run now". */
@Service
public class PaymentBatchService {

    static final String READ =
            "hasAnyRole('" + StaffRoles.FINANCE + "', '" + StaffRoles.ACCOUNTANT + "', '" + StaffRoles.ADMIN + "')";
    static final String WRITE = "hasRole('" + StaffRoles.FINANCE + "')";
    private static final String TARGET = "payment-batch";

    private final PaymentBatchRepository batches;
    private final OnchainBatcher batcher;
    private final OnchainPaymentProperties properties;
    private final AuditService audit;

    PaymentBatchService(
            PaymentBatchRepository batches,
            OnchainBatcher batcher,
            OnchainPaymentProperties properties,
            AuditService audit) {
        this.batches = batches;
        this.batcher = batcher;
        this.properties = properties;
        this.audit = audit;
    }

    @PreAuthorize(READ)
    public List<BatchSummary> recent() {
        return batches.recent(200);
    }

    @PreAuthorize(READ)
    public Optional<PaymentBatch> find(long batchId) {
        return batches.find(batchId);
    }

    @PreAuthorize(READ)
    public List<Payment> payments(long batchId) {
        return batches.payments(batchId);
    }

    @PreAuthorize(READ)
    public OnchainPaymentProperties settings() {
        return properties;
    }

    /** Asks the batcher to gather the waiting on-chain payments now instead of at the end of its interval. */
    @PreAuthorize(WRITE)
    @Transactional
    public String runNow() {
        audit.record("payment-batch.run-now", TARGET, "batcher", null, null, null);
        batcher.runNow();
        return "The batcher runs now: the on-chain payments waiting go out in one batch.";
    }
}
