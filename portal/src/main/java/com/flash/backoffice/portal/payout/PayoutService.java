package com.flash.backoffice.portal.payout;

import com.flash.backoffice.db.audit.AuditEvent;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.MerchantBalances;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.NewPayout;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutDestinationKind;
import com.flash.backoffice.db.payout.PayoutEvent;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutRequestResult;
import com.flash.backoffice.db.payout.PayoutSettings;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.workflows.approval.ApprovalDecision;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.flash.backoffice.workflows.command.CommandRefusals;
import com.flash.backoffice.workflows.payment.DestinationKind;
import com.flash.backoffice.workflows.payment.DestinationProblem;
import com.flash.backoffice.workflows.payment.PaymentDestinations;
import com.flash.backoffice.workflows.payout.PayoutCommand;
import com.flash.backoffice.workflows.payout.PayoutFailure;
import com.flash.backoffice.workflows.payout.PayoutRefusals;
import com.flash.backoffice.workflows.payout.PayoutRequest;
import com.flash.backoffice.workflows.payout.PayoutWorkflow;
import com.flash.backoffice.workflows.payout.PayoutWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merchant payouts: a request is validated, then reserved in the ledger and audited in one transaction, then its
 * workflow starts; every later change (decisions, cancel, retry, mark paid) goes through the workflow, whose
 * validators hold the rules, so no screen or route can skip one.
 */
@Service
public class PayoutService {

    /** Requester and audit actor of the payouts settlement schedules request. */
    public static final String SCHEDULE_ACTOR = "schedule";

    static final String READERS = "hasAnyRole('FINANCE', 'ACCOUNTANT', 'SUPPORT', 'ADMIN')";
    static final String REQUESTERS =
            "hasRole('FINANCE') or @storePermissions.has(#merchantId, 'btcpay.store.canmanagepayouts')";
    static final String MANAGERS =
            "hasRole('FINANCE') or @storePermissions.hasOnPayout(#payoutId, 'btcpay.store.canmanagepayouts')";
    /** Anyone may send a decision: the workflow refuses whoever lacks the approver role, ADMIN included. */
    static final String DECIDERS = "hasAnyRole('FINANCE', 'ACCOUNTANT', 'SUPPORT', 'MARKETING', 'ADMIN')"
            + " or @storePermissions.hasOnPayout(#payoutId, 'btcpay.store.canmanagepayouts')";

    private final PayoutRepository payouts;
    private final MerchantRepository merchants;
    private final LedgerRepository ledger;
    private final PaymentDestinations destinations;
    private final PayoutProperties properties;
    private final WorkflowClient workflows;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private final TransactionTemplate transaction;
    private final AuditLogRepository auditLog;
    private final JsonMapper json;

    PayoutService(
            PayoutRepository payouts,
            MerchantRepository merchants,
            LedgerRepository ledger,
            PaymentDestinations destinations,
            PayoutProperties properties,
            WorkflowClient workflows,
            AuditService audit,
            CurrentUser currentUser,
            TransactionTemplate transaction,
            AuditLogRepository auditLog,
            JsonMapper json) {
        this.payouts = payouts;
        this.merchants = merchants;
        this.ledger = ledger;
        this.destinations = destinations;
        this.properties = properties;
        this.workflows = workflows;
        this.audit = audit;
        this.currentUser = currentUser;
        this.transaction = transaction;
        this.auditLog = auditLog;
        this.json = json;
    }

    /**
     * Validates, reserves and audits the payout in one transaction, then starts its workflow. A refusal writes
     * nothing.
     */
    @PreAuthorize(REQUESTERS)
    public PayoutRequestOutcome request(String merchantId, PayoutDraft draft, PayoutOrigin origin) {
        return submit(
                merchantId,
                draft,
                origin,
                () -> currentUser.require().username(),
                payout -> audit.record("payout.request", "payout", payout.id(), null, payout, null));
    }

    /**
     * A settlement schedule's request: no one is signed in, so no role check here; only the settlement port calls it
     * (ArchitectureTest). The same validation, reservation and workflow start as {@link #request}, with origin
     * SCHEDULE, requester and audit actor {@value #SCHEDULE_ACTOR}, and the period key as the audit reason.
     */
    public PayoutRequestOutcome requestScheduled(String merchantId, String destination, Msat amount, String periodKey) {
        return submit(
                merchantId,
                new PayoutDraft(destination, amount.toBtc()),
                PayoutOrigin.SCHEDULE,
                () -> SCHEDULE_ACTOR,
                payout -> auditLog.append(new AuditEvent(
                        SCHEDULE_ACTOR,
                        List.of(),
                        "payout.request",
                        "payout",
                        payout.id(),
                        null,
                        json.writeValueAsString(payout),
                        "settlement period " + periodKey)));
    }

    private PayoutRequestOutcome submit(
            String merchantId,
            PayoutDraft draft,
            PayoutOrigin origin,
            Supplier<String> requester,
            Consumer<Payout> auditRequest) {
        Optional<Merchant> merchant = merchants.findById(merchantId);
        if (merchant.isEmpty()) {
            return new PayoutRequestOutcome.UnknownMerchant();
        }
        Map<PayoutField, String> errors = new EnumMap<>(PayoutField.class);
        String destination =
                draft.destination() == null ? "" : draft.destination().strip();
        Msat amount = amount(draft.amountBtc(), errors);
        if (destination.isEmpty()) {
            errors.put(
                    PayoutField.DESTINATION,
                    "Enter where to pay: a BOLT11 invoice, a Lightning address, an" + " LNURL or a Bitcoin address");
        } else if (amount != null) {
            destinations
                    .problem(destination, amount.msat())
                    .map(DestinationProblem::message)
                    .ifPresent(message -> errors.put(PayoutField.DESTINATION, message));
        }
        if (!errors.isEmpty()) {
            return new PayoutRequestOutcome.Invalid(errors);
        }
        String requestedBy = requester.get();
        PayoutDestinationKind kind = storedKind(destinations.kind(destination));
        long feeLimit = properties.feeLimitMsat(amount.msat());
        PayoutRequestResult result = transaction.execute(status -> {
            PayoutRequestResult requested = payouts.request(
                    new NewPayout(merchantId, destination, kind, amount.msat(), feeLimit, origin, requestedBy));
            if (requested instanceof PayoutRequestResult.Created created) {
                auditRequest.accept(created.payout());
            }
            return requested;
        });
        return switch (result) {
            case PayoutRequestResult.Created created -> {
                startWorkflow(created.payout());
                yield new PayoutRequestOutcome.Created(created.payout());
            }
            case PayoutRequestResult.Overdraft overdraft -> new PayoutRequestOutcome.Overdraft(overdraft.available());
            case PayoutRequestResult.DuplicateDestination duplicate ->
                new PayoutRequestOutcome.Duplicate(duplicate.existingPayoutId());
            case PayoutRequestResult.UnknownMerchant unknown -> new PayoutRequestOutcome.UnknownMerchant();
        };
    }

    /** Starts the payout's workflow unless it runs already (safe to call again, e.g. after a failed start). */
    @PreAuthorize(MANAGERS)
    public void ensureWorkflow(String payoutId) {
        payouts.findById(payoutId)
                .filter(p -> p.state() == PayoutState.AWAITING_APPROVAL)
                .ifPresent(this::startWorkflow);
    }

    /**
     * Starts the workflows of payouts stored but never started (the request committed, then the start failed); a
     * workflow that runs already is left as it is. For {@link UnstartedPayouts}, which runs without a user.
     */
    int startUnstarted(java.time.Instant requestedBefore) {
        List<Payout> unstarted = payouts.findUnstarted(requestedBefore, 100);
        unstarted.forEach(this::startWorkflow);
        return unstarted.size();
    }

    private void startWorkflow(Payout payout) {
        PayoutSettings settings = payouts.settings(payout.merchantId());
        PayoutWorkflows.start(
                workflows,
                new PayoutRequest(
                        payout.id(),
                        payout.merchantId(),
                        payout.destination(),
                        payout.amountMsat(),
                        payout.feeLimitMsat(),
                        payout.requestedBy(),
                        properties.policy(settings.autoApproveBelowMsat())));
    }

    @PreAuthorize(READERS + " or @storePermissions.hasOnPayout(#payoutId, 'btcpay.store.canviewpayouts')")
    public Optional<Payout> find(String payoutId) {
        return payouts.findById(payoutId);
    }

    /** The store's payout; empty for a payout of another store (the API answers "not found", as BTCPay). */
    @PreAuthorize(READERS + " or @storePermissions.has(#merchantId, 'btcpay.store.canviewpayouts')")
    public Optional<Payout> findInStore(String merchantId, String payoutId) {
        return payouts.findById(payoutId).filter(payout -> payout.merchantId().equals(merchantId));
    }

    @PreAuthorize(READERS + " or @storePermissions.has(#merchantId, 'btcpay.store.canviewpayouts')")
    public List<Payout> list(String merchantId, PayoutState state, int offset, int limit) {
        return payouts.find(merchantId, state, offset, limit);
    }

    @PreAuthorize(READERS)
    public int count(String merchantId, PayoutState state) {
        return payouts.count(merchantId, state);
    }

    @PreAuthorize(READERS)
    public List<PayoutEvent> timeline(String payoutId) {
        return payouts.timeline(payoutId);
    }

    @PreAuthorize(READERS)
    public MerchantBalances balances(String merchantId) {
        return ledger.merchantBalances(merchantId);
    }

    /** The merchant's name, or its id when it no longer exists. */
    @PreAuthorize(READERS)
    public String merchantName(String merchantId) {
        return merchants.findById(merchantId).map(Merchant::name).orElse(merchantId);
    }

    @PreAuthorize(READERS)
    public List<Merchant> merchants() {
        return merchants.findAll(0, 1000, null);
    }

    @PreAuthorize(MANAGERS)
    public PayoutCommandOutcome cancel(String payoutId, long revision, String reason) {
        return command(payoutId, workflow -> workflow.cancel(command(revision, reason)));
    }

    @PreAuthorize(MANAGERS)
    public PayoutCommandOutcome retry(String payoutId, long revision) {
        return command(payoutId, workflow -> workflow.retry(command(revision, null)));
    }

    @PreAuthorize(MANAGERS)
    public PayoutCommandOutcome markPaid(String payoutId, long revision, String proof) {
        return command(payoutId, workflow -> workflow.markPaid(command(revision, proof)));
    }

    /** Approve or reject: the workflow's validator applies the four-eyes rules to whoever sends it. */
    @PreAuthorize(DECIDERS)
    public PayoutCommandOutcome decide(String payoutId, ApprovalVerdict verdict, String reason, long revision) {
        CurrentUser.Staff staff = currentUser.require();
        ApprovalDecision decision = new ApprovalDecision(
                staff.username(),
                staff.roles().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()),
                verdict,
                reason,
                revision);
        return command(payoutId, workflow -> workflow.decide(decision));
    }

    private PayoutCommand command(long revision, String note) {
        CurrentUser.Staff staff = currentUser.require();
        return new PayoutCommand(
                staff.username(),
                staff.roles().stream().map(Enum::name).sorted().toList(),
                revision,
                note);
    }

    private PayoutCommandOutcome command(String payoutId, Function<PayoutWorkflow, ?> send) {
        Optional<Payout> before = payouts.findById(payoutId);
        if (before.isEmpty()) {
            return PayoutCommandOutcome.refused("payout-not-found", "No payout " + payoutId, null);
        }
        try {
            send.apply(PayoutWorkflows.stub(workflows, payoutId));
        } catch (WorkflowNotFoundException ended) {
            return PayoutCommandOutcome.refused(
                    "invalid-state",
                    "The payout is " + before.get().state() + " and takes no further command",
                    before.get());
        } catch (WorkflowException refused) {
            return refusedBy(refused, payouts.findById(payoutId).orElse(before.get()));
        }
        return PayoutCommandOutcome.done(payouts.findById(payoutId).orElseThrow());
    }

    private static PayoutCommandOutcome refusedBy(WorkflowException refused, Payout payout) {
        ApplicationFailure failure = CommandRefusals.refusalIn(refused).orElseThrow(() -> refused);
        String code = PayoutRefusals.type(failure)
                .map(type -> type == PayoutFailure.OLD_REVISION ? "old-revision" : "invalid-state")
                .orElse("approval-refused");
        return PayoutCommandOutcome.refused(code, PayoutRefusals.message(failure), payout);
    }

    private static Msat amount(BigDecimal btc, Map<PayoutField, String> errors) {
        if (btc == null) {
            errors.put(PayoutField.AMOUNT, "Enter an amount in BTC");
            return null;
        }
        if (btc.signum() <= 0) {
            errors.put(PayoutField.AMOUNT, "The amount must be above 0");
            return null;
        }
        try {
            return Msat.ofBtc(btc);
        } catch (ArithmeticException tooPrecise) {
            errors.put(PayoutField.AMOUNT, "The amount has more than 11 decimal places (1 msat = 0.00000000001 BTC)");
            return null;
        }
    }

    private static PayoutDestinationKind storedKind(DestinationKind kind) {
        return PayoutDestinationKind.valueOf(kind.name());
    }
}
