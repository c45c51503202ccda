package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.MerchantBalances;
import com.flash.backoffice.db.merchant.GuardedSettings;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantChange;
import com.flash.backoffice.db.merchant.MerchantNameTakenException;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.MerchantUpdateResult;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutSettings;
import com.flash.backoffice.portal.api.ApiLinks;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.paybutton.OpenInvoiceLimit;
import com.flash.backoffice.portal.paybutton.PayButtonSnippet;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.workflows.bitcoin.BitcoinProperties;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Merchants (stores): ADMIN creates and edits; FINANCE and SUPPORT read. ADMIN and FINANCE edit the payout settings.
 * Every write is audited in its own transaction.
 */
@Service
public class MerchantService {

    private static final String READERS =
            "hasAnyRole('" + StaffRoles.ADMIN + "', '" + StaffRoles.FINANCE + "', '" + StaffRoles.SUPPORT + "')";
    private static final String WRITERS = "hasRole('" + StaffRoles.ADMIN + "')";
    private static final String PAYOUT_SETTINGS_WRITERS =
            "hasAnyRole('" + StaffRoles.ADMIN + "', '" + StaffRoles.FINANCE + "')";
    static final int RECENT_PAYOUTS = 10;

    private final MerchantRepository merchants;
    private final AuditService audit;
    private final BitcoinProperties bitcoin;

    private final ApiLinks links;
    private final LedgerRepository ledger;
    private final PayoutRepository payouts;
    private final InvoiceAddressRepository addresses;
    private final OpenInvoiceLimit openInvoiceLimit;
    private final MerchantChangeRequests changeRequests;

    MerchantService(
            MerchantRepository merchants,
            AuditService audit,
            BitcoinProperties bitcoin,
            ApiLinks links,
            LedgerRepository ledger,
            PayoutRepository payouts,
            InvoiceAddressRepository addresses,
            OpenInvoiceLimit openInvoiceLimit,
            MerchantChangeRequests changeRequests) {
        this.merchants = merchants;
        this.audit = audit;
        this.bitcoin = bitcoin;
        this.links = links;
        this.ledger = ledger;
        this.payouts = payouts;
        this.addresses = addresses;
        this.openInvoiceLimit = openInvoiceLimit;
        this.changeRequests = changeRequests;
    }

    /**
     * How many addresses of the store's key were handed out after its last on-chain payment, and from how many on
     * the merchant's page warns (the pay button's open-invoice limit, kept below the usual gap limit of 20).
     */
    @PreAuthorize(READERS)
    public AddressGap addressGap(String merchantId) {
        return new AddressGap(addresses.unusedGap(merchantId), openInvoiceLimit.maxOpen());
    }

    /** The merchant's balances from its ledger accounts (zero for accounts nothing was posted to yet). */
    @PreAuthorize(READERS)
    public MerchantBalances balances(String merchantId) {
        return ledger.merchantBalances(merchantId);
    }

    /** The merchant's last {@value #RECENT_PAYOUTS} payouts, newest first. */
    @PreAuthorize(READERS)
    public List<Payout> recentPayouts(String merchantId) {
        return payouts.find(merchantId, null, 0, RECENT_PAYOUTS);
    }

    /** The auto-approval limit and contact e-mail (defaults when never saved: 0 and none). */
    @PreAuthorize(READERS)
    public PayoutSettings payoutSettings(String merchantId) {
        return payouts.settings(merchantId);
    }

    /**
     * Saves the payout settings and audits the change in the same transaction; bad input and an unknown merchant
     * write nothing, and settings that did not change are neither written nor audited.
     */
    @PreAuthorize(PAYOUT_SETTINGS_WRITERS)
    @Transactional
    public PayoutSettingsResult savePayoutSettings(String merchantId, PayoutSettingsDraft draft) {
        Map<PayoutSettingsField, String> errors = PayoutSettingsRules.check(draft);
        if (!errors.isEmpty()) {
            return new PayoutSettingsResult.Invalid(errors);
        }
        if (merchants.findById(merchantId).isEmpty()) {
            return new PayoutSettingsResult.NotFound();
        }
        PayoutSettings before = payouts.settings(merchantId);
        PayoutSettings after = PayoutSettingsRules.settings(merchantId, draft);
        if (!after.equals(before)) {
            payouts.saveSettings(after);
            audit.record("merchant.payout-settings", "merchant", merchantId, before, after, null);
        }
        return new PayoutSettingsResult.Saved(after);
    }

    /** BTCPay's "Allow anyone to create invoice", which the pay button needs. */
    @PreAuthorize(READERS)
    public boolean payButtonAllowed(String merchantId) {
        return merchants.anyoneCanCreateInvoice(merchantId);
    }

    /** Turns the pay button (anyone may create invoices for the store) on or off; audited. */
    @PreAuthorize(WRITERS)
    @Transactional
    public void allowPayButton(String merchantId, boolean allowed) {
        boolean before = merchants.anyoneCanCreateInvoice(merchantId);
        if (!merchants.setAnyoneCanCreateInvoice(merchantId, allowed)) {
            throw new IllegalArgumentException("No merchant " + merchantId);
        }
        audit.record(
                "merchant.anyone-can-create-invoice",
                "merchant",
                merchantId,
                Map.of("anyoneCanCreateInvoice", before),
                Map.of("anyoneCanCreateInvoice", allowed),
                null);
    }

    /** The web sites that may show the store's checkout in a frame, space-separated; "" for none. */
    @PreAuthorize(READERS)
    public String checkoutFrameOrigins(String merchantId) {
        return merchants.checkoutFrameAncestors(merchantId);
    }

    /**
     * Sets the web sites that may frame the store's checkout (its {@code frame-ancestors}); audited. A typed value
     * that is not a list of origins changes nothing and comes back with its message.
     */
    @PreAuthorize(WRITERS)
    @Transactional
    public FrameOrigins.Parsed saveCheckoutFrameOrigins(String merchantId, String typed) {
        FrameOrigins.Parsed parsed = FrameOrigins.parse(typed);
        if (!parsed.ok()) {
            return parsed;
        }
        String before = merchants.checkoutFrameAncestors(merchantId);
        if (!merchants.setCheckoutFrameAncestors(merchantId, parsed.origins())) {
            throw new IllegalArgumentException("No merchant " + merchantId);
        }
        audit.record(
                "merchant.checkout-frame-ancestors",
                "merchant",
                merchantId,
                Map.of("checkoutFrameAncestors", before),
                Map.of("checkoutFrameAncestors", parsed.origins()),
                null);
        return parsed;
    }

    /**
     * The HTML of a pay button for the store. {@code price} null lets the customer choose the amount; refuses a
     * price that is not positive.
     */
    @PreAuthorize(READERS)
    public String payButtonHtml(String merchantId, BigDecimal price, String currency, String buttonText) {
        if (price != null && price.signum() <= 0) {
            throw new IllegalArgumentException("The price must be more than zero.");
        }
        return PayButtonSnippet.html(links.payButtonAction(), merchantId, price, currency, buttonText);
    }

    @PreAuthorize(READERS)
    public List<Merchant> list(int offset, int limit, String nameFilter) {
        return merchants.findAll(offset, limit, nameFilter);
    }

    @PreAuthorize(READERS)
    public int count(String nameFilter) {
        return merchants.count(nameFilter);
    }

    @PreAuthorize(READERS)
    public Optional<Merchant> find(String id) {
        return merchants.findById(id);
    }

    /** Checks a draft without saving: the form calls it to show messages and the derived address early. */
    @PreAuthorize(WRITERS)
    public MerchantValidation validate(MerchantDraft draft) {
        return MerchantRules.check(draft, bitcoin.network());
    }

    @PreAuthorize(WRITERS)
    @Transactional
    public MerchantSaveResult create(MerchantDraft draft) {
        MerchantValidation validation = validate(draft);
        if (!validation.isValid()) {
            return new MerchantSaveResult.Invalid(validation);
        }
        Merchant created;
        try {
            created = merchants.create(toNewMerchant(draft));
        } catch (MerchantNameTakenException e) {
            return nameTaken(validation);
        }
        audit.record("merchant.create", "merchant", created.id(), null, created, null);
        return new MerchantSaveResult.Saved(created);
    }

    /**
     * Saves the merchant. A change of its watch-only key, payout destination or custody is not written here: it is
     * requested from the merchant's change workflow, which applies it once a second person approves it (two-person
     * rule); the other fields are saved at once. Nothing is written when the request cannot be made.
     */
    @PreAuthorize(WRITERS)
    @Transactional
    public MerchantSaveResult update(String id, int expectedRevision, MerchantDraft draft) {
        MerchantValidation validation = validate(draft);
        if (!validation.isValid()) {
            return new MerchantSaveResult.Invalid(validation);
        }
        Optional<Merchant> before = merchants.findById(id);
        if (before.isEmpty()) {
            return new MerchantSaveResult.NotFound();
        }
        NewMerchant wanted = toNewMerchant(draft);
        GuardedSettings guardedNow = GuardedSettings.of(before.get());
        List<String> guardedChanges = guardedNow.changesTo(GuardedSettings.of(wanted));
        if (!guardedChanges.isEmpty() && changeRequests.pending(id).isPresent()) {
            return new MerchantSaveResult.Invalid(
                    new MerchantValidation(changeWaiting(guardedNow, wanted), validation.firstReceiveAddress()));
        }
        NewMerchant saved = wanted.withGuarded(guardedNow);
        MerchantUpdateResult result;
        if (saved.equals(before.get().editableValues())) {
            result = before.get().revision() == expectedRevision
                    ? MerchantUpdateResult.UPDATED
                    : MerchantUpdateResult.STALE_REVISION;
        } else {
            try {
                result = merchants.update(id, expectedRevision, saved);
            } catch (MerchantNameTakenException e) {
                return nameTaken(validation);
            }
            if (result == MerchantUpdateResult.UPDATED) {
                audit.record(
                        "merchant.update",
                        "merchant",
                        id,
                        before.get(),
                        merchants.findById(id).orElseThrow(),
                        null);
            }
        }
        return switch (result) {
            case STALE_REVISION -> new MerchantSaveResult.Stale();
            case NOT_FOUND -> new MerchantSaveResult.NotFound();
            case UPDATED -> {
                Merchant after = merchants.findById(id).orElseThrow();
                if (guardedChanges.isEmpty()) {
                    yield new MerchantSaveResult.Saved(after);
                }
                try {
                    changeRequests.request(id, guardedNow, GuardedSettings.of(wanted));
                } catch (MerchantChangeRequests.ChangeNotRequestedException notRequested) {
                    // nothing half-written: the other fields roll back with the refused request
                    TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
                    yield new MerchantSaveResult.Invalid(new MerchantValidation(
                            guardedErrors(guardedNow, wanted, notRequested.getMessage()),
                            validation.firstReceiveAddress()));
                }
                yield new MerchantSaveResult.AwaitingApproval(after, guardedChanges, changeRequests.approvers());
            }
        };
    }

    /** The merchant's change of guarded settings that waits for approval, if any. */
    @PreAuthorize(READERS)
    public Optional<MerchantChange> pendingChange(String merchantId) {
        return changeRequests.pending(merchantId);
    }

    /** Withdraws the merchant's waiting change (its requester or another ADMIN); the inbox closes it, audited. */
    @PreAuthorize(WRITERS)
    public boolean withdrawChange(String merchantId) {
        return changeRequests.withdraw(merchantId);
    }

    private static Map<MerchantField, String> changeWaiting(GuardedSettings now, NewMerchant wanted) {
        return guardedErrors(
                now,
                wanted,
                "A change of this merchant's key, payout destination or custody already waits for approval:"
                        + " withdraw it or wait for the decision.");
    }

    /** {@code message} on each guarded field the draft changes. */
    private static Map<MerchantField, String> guardedErrors(GuardedSettings now, NewMerchant wanted, String message) {
        Map<MerchantField, String> errors = new java.util.EnumMap<>(MerchantField.class);
        GuardedSettings asked = GuardedSettings.of(wanted);
        if (!java.util.Objects.equals(now.derivationScheme(), asked.derivationScheme())) {
            errors.put(MerchantField.DERIVATION_SCHEME, message);
        }
        if (!java.util.Objects.equals(now.payoutDestination(), asked.payoutDestination())) {
            errors.put(MerchantField.PAYOUT_DESTINATION, message);
        }
        if (now.onchainCustody() != asked.onchainCustody()) {
            errors.put(MerchantField.ONCHAIN_CUSTODY, message);
        }
        return errors;
    }

    private static MerchantSaveResult nameTaken(MerchantValidation validation) {
        return new MerchantSaveResult.Invalid(new MerchantValidation(
                Map.of(MerchantField.NAME, "Another merchant already has this name."),
                validation.firstReceiveAddress()));
    }

    private static NewMerchant toNewMerchant(MerchantDraft draft) {
        return new NewMerchant(
                MerchantRules.trimmed(draft.name()),
                MerchantRules.trimmed(draft.defaultCurrency()),
                blankToNull(draft.derivationScheme()),
                blankToNull(draft.lightningConnection()),
                draft.speedPolicy(),
                draft.invoiceExpiryMinutes(),
                draft.monitoringMinutes(),
                draft.paymentTolerancePct(),
                draft.processingFeePct(),
                blankToNull(draft.payoutDestination()),
                draft.payoutSchedule(),
                draft.onchainCustody());
    }

    private static String blankToNull(String value) {
        String trimmed = MerchantRules.trimmed(value);
        return trimmed.isEmpty() ? null : trimmed;
    }
}
