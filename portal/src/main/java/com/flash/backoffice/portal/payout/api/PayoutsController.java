package com.flash.backoffice.portal.payout.api;

import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.portal.api.ApiException;
import com.flash.backoffice.portal.api.ApiIdempotency;
import com.flash.backoffice.portal.api.ApiJson;
import com.flash.backoffice.portal.api.ApiValidationError;
import com.flash.backoffice.portal.api.GreenfieldApi;
import com.flash.backoffice.portal.payout.PayoutCommandOutcome;
import com.flash.backoffice.portal.payout.PayoutDraft;
import com.flash.backoffice.portal.payout.PayoutField;
import com.flash.backoffice.portal.payout.PayoutRequestOutcome;
import com.flash.backoffice.portal.payout.PayoutService;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Greenfield's store payout routes ({@code /api/v1/stores/{storeId}/payouts}), with BTCPay's permissions
 * ({@code btcpay.store.canmanagepayouts}, {@code btcpay.store.canviewpayouts}) and error codes. A payout of another
 * store is "not found".
 */
@GreenfieldApi
@RestController
@RequestMapping("/api/v1/stores/{storeId}/payouts")
class PayoutsController {

    private static final Set<String> LIGHTNING_METHODS = Set.of("BTC-LN", "BTC-LightningNetwork", "BTC_LightningLike");
    private static final Set<String> ONCHAIN_METHODS = Set.of("BTC-CHAIN", "BTC", "BTC-OnChain", "BTC_BitcoinLike");

    private final PayoutService payouts;
    private final ApiIdempotency idempotency;

    PayoutsController(PayoutService payouts, ApiIdempotency idempotency) {
        this.payouts = payouts;
        this.idempotency = idempotency;
    }

    @PostMapping
    ResponseEntity<String> create(
            @PathVariable String storeId,
            @RequestHeader(name = ApiIdempotency.HEADER, required = false) String idempotencyKey,
            @RequestBody(required = false) String body) {
        return idempotency.once(idempotencyKey, storeId + "\n" + body, claim -> {
            PayoutDraft draft = draft(ApiJson.object(body));
            PayoutRequestOutcome outcome = payouts.request(storeId, draft, PayoutOrigin.API);
            Payout created = switch (outcome) {
                case PayoutRequestOutcome.Created ok -> ok.payout();
                case PayoutRequestOutcome.Invalid invalid ->
                    throw ApiException.validation(invalid.errors().entrySet().stream()
                            .map(error -> new ApiValidationError(error.getKey().apiPath(), error.getValue()))
                            .toList());
                case PayoutRequestOutcome.Overdraft overdraft ->
                    throw ApiException.of(HttpStatus.UNPROCESSABLE_CONTENT, "overdraft", overdraft.message());
                case PayoutRequestOutcome.Duplicate duplicate ->
                    throw ApiException.of(
                            HttpStatus.UNPROCESSABLE_CONTENT, "duplicate-destination", duplicate.message());
                case PayoutRequestOutcome.UnknownMerchant unknown -> throw ApiException.storeNotFound();
            };
            return new ApiIdempotency.Response(200, ApiJson.write(PayoutData.of(created)));
        });
    }

    @GetMapping
    List<PayoutData> list(
            @PathVariable String storeId,
            @RequestParam(required = false, defaultValue = "false") boolean includeCancelled) {
        return payouts.list(storeId, null, 0, 10_000).stream()
                .filter(payout -> includeCancelled || payout.state() != PayoutState.CANCELLED)
                .map(PayoutData::of)
                .toList();
    }

    @GetMapping("/{payoutId}")
    PayoutData get(@PathVariable String storeId, @PathVariable String payoutId) {
        return PayoutData.of(ofStore(storeId, payoutId));
    }

    @DeleteMapping("/{payoutId}")
    ResponseEntity<Void> cancel(@PathVariable String storeId, @PathVariable String payoutId) {
        Payout payout = ofStore(storeId, payoutId);
        answer(payouts.cancel(payoutId, payout.revision(), "Cancelled through the API"));
        return ResponseEntity.ok().build();
    }

    /** BTCPay's ApprovePayoutRequest {@code {"revision": n}}; the workflow applies the four-eyes rules to the key. */
    @PostMapping("/{payoutId}")
    PayoutData approve(
            @PathVariable String storeId, @PathVariable String payoutId, @RequestBody(required = false) String body) {
        Payout payout = ofStore(storeId, payoutId);
        JsonNode revision = ApiJson.object(body).get("revision");
        if (revision == null || !revision.canConvertToInt()) {
            throw ApiException.validation("revision", "The `revision` property is required");
        }
        if (revision.asInt() != payout.revision()) {
            // BTCPay's answer; the workflow refuses a stale decision too, this only names it as BTCPay does
            throw ApiException.of(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "old-revision",
                    "The payout changed (revision " + payout.revision() + ", not " + revision.asInt() + "); reload it");
        }
        return PayoutData.of(answer(payouts.decide(payoutId, ApprovalVerdict.APPROVE, null, revision.asInt())));
    }

    @PostMapping("/{payoutId}/mark-paid")
    PayoutData markPaid(@PathVariable String storeId, @PathVariable String payoutId) {
        Payout payout = ofStore(storeId, payoutId);
        return PayoutData.of(answer(payouts.markPaid(payoutId, payout.revision(), null)));
    }

    private Payout ofStore(String storeId, String payoutId) {
        return payouts.findInStore(storeId, payoutId)
                .orElseThrow(() -> ApiException.notFound("payout-not-found", "The payout was not found."));
    }

    private static Payout answer(PayoutCommandOutcome outcome) {
        if (outcome.done()) {
            return outcome.payout();
        }
        if ("payout-not-found".equals(outcome.code())) {
            throw ApiException.notFound("payout-not-found", "The payout was not found.");
        }
        HttpStatus status =
                "approval-refused".equals(outcome.code()) ? HttpStatus.FORBIDDEN : HttpStatus.UNPROCESSABLE_CONTENT;
        throw ApiException.of(status, outcome.code(), outcome.message());
    }

    private static PayoutDraft draft(JsonNode root) {
        List<ApiValidationError> errors = new java.util.ArrayList<>();
        String destination = text(root, "destination");
        if (destination == null || destination.isBlank()) {
            errors.add(new ApiValidationError("destination", "The destination is required"));
        }
        String method =
                text(root, "payoutMethodId") != null ? text(root, "payoutMethodId") : text(root, "paymentMethod");
        if (method != null && !LIGHTNING_METHODS.contains(method) && !ONCHAIN_METHODS.contains(method)) {
            errors.add(new ApiValidationError("paymentMethod", "Invalid payment method: use BTC-LN or BTC-CHAIN"));
        }
        if (text(root, "pullPaymentId") != null) {
            errors.add(new ApiValidationError("pullPaymentId", "Pull payments are not supported; omit pullPaymentId"));
        }
        if (root.has("approved") && root.get("approved").asBoolean(false)) {
            errors.add(new ApiValidationError(
                    "approved", "A payout cannot be created approved: Flash's finance team approves payouts"));
        }
        BigDecimal amount = amount(root.get("amount"), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new PayoutDraft(destination, amount);
    }

    private static BigDecimal amount(JsonNode node, List<ApiValidationError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new ApiValidationError(PayoutField.AMOUNT.apiPath(), "The amount is required (in BTC)"));
            return null;
        }
        try {
            return node.isNumber()
                    ? node.decimalValue()
                    : new BigDecimal(node.asString().strip());
        } catch (RuntimeException notANumber) {
            errors.add(new ApiValidationError(PayoutField.AMOUNT.apiPath(), "The amount must be a number of BTC"));
            return null;
        }
    }

    private static String text(JsonNode root, String field) {
        return ApiJson.text(root, field);
    }
}
