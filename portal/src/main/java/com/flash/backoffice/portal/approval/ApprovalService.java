package com.flash.backoffice.portal.approval;

import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.db.approval.ApprovalRequest;
import com.flash.backoffice.db.approval.ApprovalStatus;
import com.flash.backoffice.db.approval.ApproverRoles;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.workflows.approval.ApprovalDecision;
import com.flash.backoffice.workflows.approval.ApprovalKind;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;
import com.flash.backoffice.workflows.approval.ApprovalRequired;
import com.flash.backoffice.workflows.approval.ApprovalResult;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The approvals inbox: what waits for the signed-in person's roles (ADMIN oversees every role's requests), and
 * decisions sent to the requesting workflow's {@code decide} update. Deciding is open to any staff member here on
 * purpose: the rules (the approver role, ADMIN no substitute, not the requester, distinct approvers, the current
 * revision) live in the workflow's validator, and its refusal comes back as the result's message.
 */
@Service
public class ApprovalService {

    static final String READERS = "hasAnyRole('" + StaffRoles.FINANCE + "', '" + StaffRoles.ADMIN + "')";
    private static final BigDecimal MSAT_PER_BTC = BigDecimal.valueOf(Msat.MSAT_PER_BTC);

    private final ApprovalRepository approvals;
    private final MerchantRepository merchants;
    private final ExchangeRateRepository rates;
    private final WorkflowClient workflows;
    private final CurrentUser currentUser;
    private final int bulkConcurrency;
    private final ThreadFactory bulkSenders =
            Thread.ofPlatform().name("approval-bulk-", 1).daemon().factory();

    ApprovalService(
            ApprovalRepository approvals,
            MerchantRepository merchants,
            ExchangeRateRepository rates,
            WorkflowClient workflows,
            CurrentUser currentUser,
            ApprovalProperties properties) {
        this.approvals = approvals;
        this.merchants = merchants;
        this.rates = rates;
        this.workflows = workflows;
        this.currentUser = currentUser;
        this.bulkConcurrency = properties.bulkConcurrency();
    }

    /** Pending requests for my roles, oldest first. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<InboxItem> inbox(int offset, int limit) {
        Map<String, Optional<Merchant>> merchantsById = new HashMap<>();
        Map<String, Optional<ExchangeRate>> ratesByCurrency = new HashMap<>();
        return approvals.inbox(myInboxRoles(), offset, limit).stream()
                .map(request -> item(request, merchantsById, ratesByCurrency))
                .toList();
    }

    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public int count() {
        return approvals.countInbox(myInboxRoles());
    }

    /** The request as the inbox shows it now, if it still waits for my roles. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public Optional<InboxItem> pending(String subjectId) {
        return approvals
                .find(subjectId)
                .filter(request -> request.status() == ApprovalStatus.PENDING)
                .filter(request -> ApproverRoles.anyHeld(request.approverRole(), myInboxRoles()))
                .map(request -> item(request, new HashMap<>(), new HashMap<>()));
    }

    /** Sends my decision on {@code revision} of the request to its workflow, which applies its rules. */
    @PreAuthorize(StaffRoles.ANY_STAFF)
    public DecisionResult decide(String subjectId, long revision, ApprovalVerdict verdict, String reason) {
        return decideAs(currentUser.require(), subjectId, revision, verdict, reason);
    }

    /**
     * Decides each request on its own: one refused leaves the others decided. Results in the given order. Up to
     * {@code flash.approvals.bulk-concurrency} decisions wait for their workflows at once; each is the same {@code
     * decide} update with the same rules as a single decision, sent as the person who called this.
     */
    @PreAuthorize(StaffRoles.ANY_STAFF)
    public List<DecisionResult> decideAll(List<InboxItem> items, ApprovalVerdict verdict, String reason) {
        // the sender threads have no security context: the decider is taken here, once
        CurrentUser.Staff me = currentUser.require();
        if (items.size() <= 1) {
            return items.stream()
                    .map(item -> decideAs(me, item.subjectId(), item.revision(), verdict, reason))
                    .toList();
        }
        List<Callable<DecisionResult>> decisions = items.stream()
                .map(item -> (Callable<DecisionResult>)
                        () -> decideAs(me, item.subjectId(), item.revision(), verdict, reason))
                .toList();
        try (ExecutorService senders =
                Executors.newFixedThreadPool(Math.min(bulkConcurrency, items.size()), bulkSenders)) {
            List<DecisionResult> results = new ArrayList<>(items.size());
            for (Future<DecisionResult> answer : senders.invokeAll(decisions)) {
                results.add(result(answer));
            }
            return results;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending the decisions; some may have been taken.");
        }
    }

    private static DecisionResult result(Future<DecisionResult> answer) throws InterruptedException {
        try {
            return answer.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failed.getCause());
        }
    }

    private DecisionResult decideAs(
            CurrentUser.Staff me, String subjectId, long revision, ApprovalVerdict verdict, String reason) {
        Optional<ApprovalRequest> found = approvals.find(subjectId);
        if (found.isEmpty() || found.get().status() != ApprovalStatus.PENDING) {
            return new DecisionResult(
                    subjectId,
                    DecisionStatus.NOT_PENDING,
                    null,
                    0,
                    "This request is no longer waiting for a decision (decided, expired or withdrawn).");
        }
        ApprovalDecision decision = new ApprovalDecision(
                me.username(),
                me.roles().stream().map(Role::name).collect(Collectors.toSet()),
                verdict,
                reason,
                revision);
        try {
            ApprovalResult result = workflows
                    .newUntypedWorkflowStub(found.get().workflowId())
                    .update(ApprovalRequired.DECIDE, ApprovalResult.class, decision);
            return new DecisionResult(
                    subjectId,
                    DecisionStatus.DECIDED,
                    result.outcome(),
                    result.approvalsStillNeeded(),
                    decidedMessage(result));
        } catch (WorkflowUpdateException refused) {
            return refusal(subjectId, refused);
        } catch (WorkflowNotFoundException gone) {
            return new DecisionResult(
                    subjectId,
                    DecisionStatus.UNAVAILABLE,
                    null,
                    0,
                    "The request's workflow has ended or cannot be found; the decision was not taken.");
        } catch (WorkflowException unreachable) {
            return new DecisionResult(
                    subjectId,
                    DecisionStatus.UNAVAILABLE,
                    null,
                    0,
                    "The request's workflow could not be reached; try again in a moment.");
        }
    }

    private static DecisionResult refusal(String subjectId, WorkflowUpdateException refused) {
        for (Throwable cause = refused.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationFailure failure) {
                return new DecisionResult(subjectId, DecisionStatus.REFUSED, null, 0, failure.getOriginalMessage());
            }
            if (cause instanceof IllegalArgumentException illegal) {
                return new DecisionResult(subjectId, DecisionStatus.REFUSED, null, 0, illegal.getMessage());
            }
        }
        return new DecisionResult(
                subjectId,
                DecisionStatus.UNAVAILABLE,
                null,
                0,
                "The workflow could not record the decision; try again in a moment.");
    }

    private static String decidedMessage(ApprovalResult result) {
        if (result.outcome() == null) {
            return "Approval recorded; " + result.approvalsStillNeeded() + " more approval"
                    + (result.approvalsStillNeeded() == 1 ? "" : "s") + " from someone else needed.";
        }
        return result.outcome() == ApprovalOutcome.REJECTED ? "Rejected." : "Approved.";
    }

    /** The approver roles whose requests I see: my own; ADMIN oversees all of them (and still cannot decide). */
    private Set<String> myInboxRoles() {
        CurrentUser.Staff me = currentUser.require();
        if (me.has(Role.ADMIN)) {
            return Arrays.stream(Role.values()).map(Role::name).collect(Collectors.toSet());
        }
        return me.roles().stream().map(Role::name).collect(Collectors.toSet());
    }

    private InboxItem item(
            ApprovalRequest request,
            Map<String, Optional<Merchant>> merchantsById,
            Map<String, Optional<ExchangeRate>> ratesByCurrency) {
        Optional<Merchant> merchant = request.merchantId() == null
                ? Optional.empty()
                : merchantsById.computeIfAbsent(request.merchantId(), merchants::findById);
        Msat amount = Msat.ofMsat(request.amountMsat());
        FiatAmount fiat = merchant.map(Merchant::defaultCurrency)
                .filter(ApprovalService::isFiat)
                .flatMap(currency -> ratesByCurrency.computeIfAbsent(currency, rates::current))
                .map(rate -> fiat(amount, rate))
                .orElse(null);
        return new InboxItem(
                request.subjectId(),
                ApprovalKind.valueOf(request.kind().name()),
                request.workflowId(),
                request.merchantId(),
                merchant.map(Merchant::name).orElse(null),
                amount,
                fiat,
                request.requestedBy(),
                request.summary(),
                request.approverRole(),
                request.revision(),
                request.approvalsNeeded(),
                request.approvalsGiven(),
                request.createdAt(),
                request.deadlineAt());
    }

    static FiatAmount fiat(Msat amount, ExchangeRate rate) {
        int decimals = Math.max(Currency.getInstance(rate.currency()).getDefaultFractionDigits(), 0);
        BigDecimal value = BigDecimal.valueOf(amount.msat())
                .multiply(rate.btcPrice())
                .divide(MSAT_PER_BTC, decimals, RoundingMode.HALF_UP);
        return new FiatAmount(value, rate.currency(), rate.setAt());
    }

    private static boolean isFiat(String code) {
        if (code == null || !code.matches("[A-Z]{3}") || code.equals("BTC")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
