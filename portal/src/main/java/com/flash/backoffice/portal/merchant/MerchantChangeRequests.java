package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.db.approval.ApproverRoles;
import com.flash.backoffice.db.merchant.GuardedSettings;
import com.flash.backoffice.db.merchant.MerchantChange;
import com.flash.backoffice.db.merchant.MerchantChangeRepository;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.workflows.merchant.MerchantChangeRequest;
import com.flash.backoffice.workflows.merchant.MerchantChangeWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Asks the merchant's change workflow for a change of its guarded settings, and withdraws it. The workflow records
 * the request (audited), waits for a second person in the approvals inbox and applies it; nothing here writes the
 * merchant.
 */
@Component
class MerchantChangeRequests {

    private final WorkflowClient workflows;
    private final MerchantChangeRepository changes;
    private final CurrentUser currentUser;
    private final MerchantChangeProperties properties;

    MerchantChangeRequests(
            WorkflowClient workflows,
            MerchantChangeRepository changes,
            CurrentUser currentUser,
            MerchantChangeProperties properties) {
        this.workflows = workflows;
        this.changes = changes;
        this.currentUser = currentUser;
        this.properties = properties;
    }

    /**
     * Starts the change; throws {@link ChangeNotRequestedException} when another change of the merchant is waiting
     * or Temporal cannot be reached.
     */
    void request(String merchantId, GuardedSettings before, GuardedSettings after) {
        CurrentUser.Staff me = currentUser.require();
        MerchantChangeRequest request = new MerchantChangeRequest(
                RandomIds.newId(),
                merchantId,
                before,
                after,
                me.username(),
                me.roles().stream().map(Role::name).sorted().toList(),
                properties.policy());
        try {
            MerchantChangeWorkflows.start(workflows, request);
        } catch (WorkflowExecutionAlreadyStarted waiting) {
            throw new ChangeNotRequestedException(
                    "Another change of this merchant's key, payout destination or custody waits for approval.");
        } catch (WorkflowException | io.grpc.StatusRuntimeException unreachable) {
            throw new ChangeNotRequestedException(
                    "The change could not be sent for approval (the workflow service did not answer); nothing was"
                            + " saved. Try again in a moment.");
        }
    }

    Optional<MerchantChange> pending(String merchantId) {
        return changes.pending(merchantId);
    }

    boolean withdraw(String merchantId) {
        if (changes.pending(merchantId).isEmpty()) {
            return false;
        }
        MerchantChangeWorkflows.stub(workflows, merchantId)
                .withdraw(currentUser.require().username());
        return true;
    }

    /** "ADMIN or FINANCE", for messages. */
    String approvers() {
        return ApproverRoles.describe(properties.approverRoles());
    }

    /** The change was not requested; the transaction that asked rolls back. */
    static final class ChangeNotRequestedException extends RuntimeException {
        ChangeNotRequestedException(String message) {
            super(message);
        }
    }
}
