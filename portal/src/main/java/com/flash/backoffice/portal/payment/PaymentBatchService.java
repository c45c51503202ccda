package com.flash.backoffice.portal.payment;

import com.flash.backoffice.db.payment.BatchStatus;
import com.flash.backoffice.db.payment.BatchSummary;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentBatch;
import com.flash.backoffice.db.payment.PaymentBatchRepository;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.workflows.payment.BatchAbandon;
import com.flash.backoffice.workflows.payment.FundedPsbt;
import com.flash.backoffice.workflows.payment.FundingRecords;
import com.flash.backoffice.workflows.payment.OnchainBatcher;
import com.flash.backoffice.workflows.payment.OnchainPaymentProperties;
import com.flash.backoffice.workflows.payment.PaymentBatchWorkflow;
import com.flash.backoffice.workflows.payment.SignatureResult;
import com.flash.backoffice.workflows.payment.SignatureUpload;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * FINANCE's view of the on-chain batches, the batcher's "run now", and the cold batches' PSBT: download, signed
 * upload, abandon. The rules (FINANCE only, one check at a time, the outputs and fee) live in the batch workflow.
 */
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
    private final WorkflowClient workflows;
    private final CurrentUser currentUser;

    PaymentBatchService(
            PaymentBatchRepository batches,
            OnchainBatcher batcher,
            OnchainPaymentProperties properties,
            AuditService audit,
            WorkflowClient workflows,
            CurrentUser currentUser) {
        this.batches = batches;
        this.batcher = batcher;
        this.properties = properties;
        this.audit = audit;
        this.workflows = workflows;
        this.currentUser = currentUser;
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

    /** The unsigned PSBT of a cold batch waiting for its signature, for FINANCE to download and sign offline. */
    @PreAuthorize(WRITE)
    public Optional<FundedPsbt> unsignedPsbt(long batchId) {
        return batches.find(batchId)
                .filter(b -> b.status() == BatchStatus.AWAITING_SIGNATURE)
                .map(b -> FundingRecords.read(b.funding()));
    }

    /**
     * Hands FINANCE's signed upload to the batch's workflow, which checks it (outputs, amounts, change, fee,
     * signatures) and broadcasts it; the attempt and its result are audited.
     */
    @PreAuthorize(WRITE)
    @Transactional
    public BatchAction submitSignature(long batchId, byte[] upload) {
        CurrentUser.Staff me = currentUser.require();
        SignatureResult result;
        try {
            result = stub(batchId).submitSignature(new SignatureUpload(upload, me.username(), roles(me)));
        } catch (WorkflowUpdateException refused) {
            return BatchAction.refused(reason(refused));
        } catch (WorkflowNotFoundException gone) {
            return BatchAction.refused("Batch " + batchId + " is not waiting for anything any more.");
        }
        audit.record(
                result.accepted() ? "payment-batch.sign" : "payment-batch.sign-refused",
                TARGET,
                String.valueOf(batchId),
                null,
                result,
                null);
        return result.accepted()
                ? BatchAction.done("Signed and broadcast as " + result.txid() + " (fee " + result.feeSat()
                        + " sat). The payouts complete at " + properties.confirmations() + " confirmations.")
                : BatchAction.refused("Refused, nothing was broadcast: " + result.message());
    }

    /** Gives up on an unsigned cold batch: its payouts fail with the reason, FINANCE may retry them. */
    @PreAuthorize(WRITE)
    @Transactional
    public BatchAction abandon(long batchId, String reason) {
        if (reason == null || reason.isBlank()) {
            return BatchAction.refused("Say why the batch is abandoned.");
        }
        CurrentUser.Staff me = currentUser.require();
        try {
            stub(batchId).abandon(new BatchAbandon(me.username(), roles(me), reason.strip()));
        } catch (WorkflowUpdateException refused) {
            return BatchAction.refused(reason(refused));
        } catch (WorkflowNotFoundException gone) {
            return BatchAction.refused("Batch " + batchId + " is not waiting for anything any more.");
        }
        audit.record("payment-batch.abandon", TARGET, String.valueOf(batchId), null, null, reason.strip());
        return BatchAction.done("Batch " + batchId + " abandoned: its payouts fail and can be retried.");
    }

    private PaymentBatchWorkflow stub(long batchId) {
        return workflows.newWorkflowStub(PaymentBatchWorkflow.class, PaymentBatchWorkflow.workflowId(batchId));
    }

    private static List<String> roles(CurrentUser.Staff me) {
        return me.roles().stream().map(Role::name).toList();
    }

    private static String reason(WorkflowUpdateException refused) {
        for (Throwable cause = refused.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationFailure failure) {
                return failure.getOriginalMessage();
            }
        }
        return "The batch's workflow could not take the upload; try again in a moment.";
    }
}
