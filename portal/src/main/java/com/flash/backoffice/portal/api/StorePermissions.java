package com.flash.backoffice.portal.api;

import com.flash.backoffice.db.apikey.ApiKey;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * BTCPay's store permissions for API keys, as {@code @storePermissions} in method-security expressions. A key
 * bound to a store acts on that store only; a key without a store acts on any; a permission written
 * {@code name:<storeId>} (BTCPay's scoped form) holds for that store only. Broader permissions imply narrower
 * ones as in BTCPay: store settings imply everything on the store; modifying invoices implies viewing and
 * creating them.
 */
@Component("storePermissions")
public class StorePermissions {

    public static final String VIEW_INVOICES = "btcpay.store.canviewinvoices";
    public static final String CREATE_INVOICE = "btcpay.store.cancreateinvoice";
    public static final String MODIFY_INVOICES = "btcpay.store.canmodifyinvoices";
    public static final String MODIFY_STORE_SETTINGS = "btcpay.store.canmodifystoresettings";
    public static final String MODIFY_WEBHOOKS = "btcpay.store.webhooks.canmodifywebhooks";
    public static final String VIEW_REPORTS = "btcpay.store.canviewreports";
    public static final String MANAGE_PAYOUTS = "btcpay.store.canmanagepayouts";
    public static final String VIEW_PAYOUTS = "btcpay.store.canviewpayouts";
    /** BTCPay's permission for refunds (a refund is a pull payment that is not approved in advance). */
    public static final String CREATE_NON_APPROVED_PULL_PAYMENTS = "btcpay.store.cancreatenonapprovedpullpayments";

    /** What a key can be given here, in the order the pages list it, each with what it allows. */
    public static final List<PermissionChoice> OFFERED = List.of(
            new PermissionChoice(VIEW_INVOICES, "View invoices"),
            new PermissionChoice(CREATE_INVOICE, "Create invoices"),
            new PermissionChoice(MODIFY_INVOICES, "Modify invoices (mark, archive; implies view and create)"),
            new PermissionChoice(MODIFY_WEBHOOKS, "Manage webhooks"),
            new PermissionChoice(VIEW_REPORTS, "View reports"),
            new PermissionChoice(VIEW_PAYOUTS, "View payouts"),
            new PermissionChoice(MANAGE_PAYOUTS, "Request payouts (implies view)"),
            new PermissionChoice(CREATE_NON_APPROVED_PULL_PAYMENTS, "Request refunds"),
            new PermissionChoice(MODIFY_STORE_SETTINGS, "Everything on the store (implies all of the above)"));

    private static final Map<String, Set<String>> IMPLIED_BY = Map.of(
            VIEW_INVOICES, Set.of(MODIFY_INVOICES, MODIFY_STORE_SETTINGS),
            CREATE_INVOICE, Set.of(MODIFY_INVOICES, MODIFY_STORE_SETTINGS),
            MODIFY_INVOICES, Set.of(MODIFY_STORE_SETTINGS),
            MODIFY_WEBHOOKS, Set.of(MODIFY_STORE_SETTINGS),
            VIEW_REPORTS, Set.of(MODIFY_STORE_SETTINGS),
            MANAGE_PAYOUTS, Set.of(MODIFY_STORE_SETTINGS),
            VIEW_PAYOUTS, Set.of(MANAGE_PAYOUTS, MODIFY_STORE_SETTINGS),
            CREATE_NON_APPROVED_PULL_PAYMENTS, Set.of(MODIFY_STORE_SETTINGS));

    private final InvoiceRepository invoices;
    private final PayoutRepository payouts;

    StorePermissions(InvoiceRepository invoices, PayoutRepository payouts) {
        this.invoices = invoices;
        this.payouts = payouts;
    }

    /** The offered permission of that name, without a store scope. */
    public static Optional<PermissionChoice> offered(String name) {
        return OFFERED.stream().filter(choice -> choice.name().equals(name)).findFirst();
    }

    /** The current request's API key, if it was authenticated by one. */
    public static Optional<ApiKey> currentKey() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof ApiKeyAuthentication apiKey ? Optional.of(apiKey.key()) : Optional.empty();
    }

    /** True when the caller is an API key that holds {@code permission} (or a broader one) on the store. */
    public boolean has(String storeId, String permission) {
        return currentKey().map(key -> allows(key, storeId, permission)).orElse(false);
    }

    /** {@link #has} for the store the invoice belongs to; false for an unknown invoice. */
    public boolean hasOnInvoice(String invoiceId, String permission) {
        Optional<ApiKey> key = currentKey();
        if (key.isEmpty() || invoiceId == null) {
            return false;
        }
        return invoices.findById(invoiceId)
                .map(Invoice::merchantId)
                .map(storeId -> allows(key.get(), storeId, permission))
                .orElse(false);
    }

    /** {@link #has} for the store the payout belongs to; false for an unknown payout. */
    public boolean hasOnPayout(String payoutId, String permission) {
        Optional<ApiKey> key = currentKey();
        if (key.isEmpty() || payoutId == null) {
            return false;
        }
        return payouts.findById(payoutId)
                .map(Payout::merchantId)
                .map(storeId -> allows(key.get(), storeId, permission))
                .orElse(false);
    }

    /**
     * True when the caller is an API key for every store: bound to no store and holding {@code permission} (or a
     * broader one) without a store scope.
     */
    public boolean hasOnEveryStore(String permission) {
        return currentKey()
                .filter(key -> key.merchantId() == null)
                .map(key -> grants(key, permission).anyMatch(scope -> scope.isEmpty()))
                .orElse(false);
    }

    /** True when the caller is an API key holding {@code permission} (or a broader one) on some store. */
    public boolean hasOnAnyStore(String permission) {
        return currentKey()
                .map(key -> grants(key, permission).findAny().isPresent())
                .orElse(false);
    }

    /** The store scopes ("" for none) of the key's grants that are sufficient for {@code permission}. */
    private static java.util.stream.Stream<String> grants(ApiKey key, String permission) {
        Set<String> sufficient = new java.util.HashSet<>(IMPLIED_BY.getOrDefault(permission, Set.of()));
        sufficient.add(permission);
        return key.permissions().stream()
                .filter(grant ->
                        sufficient.contains(grant.contains(":") ? grant.substring(0, grant.indexOf(':')) : grant))
                .map(grant -> grant.contains(":") ? grant.substring(grant.indexOf(':') + 1) : "");
    }

    static boolean allows(ApiKey key, String storeId, String permission) {
        if (storeId == null || (key.merchantId() != null && !key.merchantId().equals(storeId))) {
            return false;
        }
        List<String> granted = key.permissions();
        Set<String> sufficient = new java.util.HashSet<>(IMPLIED_BY.getOrDefault(permission, Set.of()));
        sufficient.add(permission);
        for (String grant : granted) {
            int colon = grant.indexOf(':');
            String name = colon < 0 ? grant : grant.substring(0, colon);
            String scope = colon < 0 ? null : grant.substring(colon + 1);
            if (sufficient.contains(name) && (scope == null || scope.equals(storeId))) {
                return true;
            }
        }
        return false;
    }
}
