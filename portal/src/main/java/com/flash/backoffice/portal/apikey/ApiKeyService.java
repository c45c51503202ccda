package com.flash.backoffice.portal.apikey;

import com.flash.backoffice.db.apikey.ApiKey;
import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.apikey.CreatedApiKey;
import com.flash.backoffice.db.apikey.NewApiKey;
import com.flash.backoffice.db.apikey.RevokeResult;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.StaffRoles;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for the Greenfield API, for ADMIN only: created on the keys page or approved for an application through
 * BTCPay's authorize flow, listed, revoked. Each change is audited in its own transaction; the plaintext key leaves
 * this class once, in the result, and is never stored, logged or audited.
 */
@Service
public class ApiKeyService {

    private static final String ADMIN = "hasRole('" + StaffRoles.ADMIN + "')";

    private final ApiKeyRepository keys;
    private final MerchantRepository merchants;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, MerchantRepository merchants, AuditService audit, CurrentUser currentUser) {
        this.keys = keys;
        this.merchants = merchants;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = Clock.systemUTC();
    }

    @PreAuthorize(ADMIN)
    public List<ApiKey> keys() {
        return keys.list();
    }

    /** Stores whose name contains {@code nameFilter} (all when blank), a page at a time, for a store picker. */
    @PreAuthorize(ADMIN)
    public List<Merchant> stores(String nameFilter, int offset, int limit) {
        return merchants.findAll(offset, limit, nameFilter == null || nameFilter.isBlank() ? null : nameFilter);
    }

    @PreAuthorize(ADMIN)
    public Optional<Merchant> store(String merchantId) {
        return merchants.findById(merchantId);
    }

    /** The names of the stores the listed keys are bound to. */
    @PreAuthorize(ADMIN)
    public Map<String, String> storeNames(List<ApiKey> listed) {
        Map<String, String> names = new LinkedHashMap<>();
        listed.stream()
                .map(ApiKey::merchantId)
                .filter(Objects::nonNull)
                .distinct()
                .forEach(id -> merchants.findById(id).ifPresent(merchant -> names.put(id, merchant.name())));
        return names;
    }

    @PreAuthorize(ADMIN)
    @Transactional
    public ApiKeyCreateResult create(ApiKeyDraft draft) {
        LocalDate today = LocalDate.now(clock);
        Map<ApiKeyField, String> errors = ApiKeyRules.check(draft, today, this::storeExists);
        if (!errors.isEmpty()) {
            return ApiKeyCreateResult.invalid(errors);
        }
        NewApiKey key = new NewApiKey(
                draft.label().strip(),
                draft.merchantId(),
                ApiKeyRules.ordered(draft.permissions()),
                currentUser.require().username(),
                ApiKeyRules.expiresAt(draft.validThrough()));
        CreatedApiKey created = keys.create(key);
        audit.record("apikey.create", "api_key", created.id(), null, described(created, key, null), null);
        return ApiKeyCreateResult.created(created);
    }

    /**
     * Approves what an application asked for with the permissions and store the person chose. A strict request is
     * approved only as asked; a request for selective stores only for one existing store, to which the key is bound
     * and its permissions scoped, as BTCPay posts them back ({@code name:storeId}).
     */
    @PreAuthorize(ADMIN)
    @Transactional
    public AuthorizationResult authorize(AuthorizationRequest request, Set<String> chosen, String storeId) {
        Map<ApiKeyField, String> errors = new EnumMap<>(ApiKeyField.class);
        ApiKeyRules.permissionError(chosen).ifPresent(message -> errors.put(ApiKeyField.PERMISSIONS, message));
        if (request.strict() && !chosen.equals(request.permissions())) {
            errors.put(
                    ApiKeyField.PERMISSIONS,
                    "This application asks for exactly the permissions listed: approve them all or cancel.");
        }
        String store = request.selectiveStores() ? storeId : null;
        if (request.selectiveStores()) {
            if (store == null || store.isBlank()) {
                errors.put(ApiKeyField.STORE, "Choose the store this application may use.");
            } else if (!storeExists(store)) {
                errors.put(ApiKeyField.STORE, "No such store.");
            }
        }
        if (!errors.isEmpty()) {
            return AuthorizationResult.invalid(errors);
        }
        List<String> granted = ApiKeyRules.ordered(chosen).stream()
                .map(name -> store == null ? name : name + ":" + store)
                .toList();
        String userId = currentUser.require().username();
        NewApiKey key = new NewApiKey(request.label(), store, granted, userId, null);
        CreatedApiKey created = keys.create(key);
        audit.record(
                "apikey.authorize",
                "api_key",
                created.id(),
                null,
                described(
                        created,
                        key,
                        request.redirect() == null ? null : request.redirect().getHost()),
                null);
        return new AuthorizationResult(created, userId, granted, request.redirect(), Map.of());
    }

    @PreAuthorize(ADMIN)
    @Transactional
    public RevokeResult revoke(String keyId) {
        Optional<ApiKey> before = keys.findById(keyId);
        RevokeResult result = keys.revoke(keyId, currentUser.require().username());
        if (result == RevokeResult.REVOKED) {
            audit.record(
                    "apikey.revoke",
                    "api_key",
                    keyId,
                    Map.of(
                            "label",
                            before.get().label(),
                            "keyPrefix",
                            before.get().keyPrefix()),
                    Map.of("revokedAt", Instant.now(clock).toString()),
                    null);
        }
        return result;
    }

    private boolean storeExists(String merchantId) {
        return merchants.findById(merchantId).isPresent();
    }

    /** What the audit log keeps of a new key: everything but the key itself. */
    private static Map<String, Object> described(CreatedApiKey created, NewApiKey key, String redirectHost) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("label", key.label());
        after.put("keyPrefix", created.plaintextKey().substring(0, 8));
        after.put("store", key.merchantId() == null ? "all stores" : key.merchantId());
        after.put("permissions", key.permissions());
        after.put(
                "expiresAt", key.expiresAt() == null ? "never" : key.expiresAt().toString());
        if (redirectHost != null) {
            after.put("sentTo", redirectHost);
        }
        return after;
    }
}
