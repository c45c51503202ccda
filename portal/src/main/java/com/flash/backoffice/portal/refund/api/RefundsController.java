package com.flash.backoffice.portal.refund.api;

import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundOrigin;
import com.flash.backoffice.db.refund.RefundVariant;
import com.flash.backoffice.portal.api.ApiException;
import com.flash.backoffice.portal.api.ApiIdempotency;
import com.flash.backoffice.portal.api.ApiJson;
import com.flash.backoffice.portal.api.ApiLinks;
import com.flash.backoffice.portal.api.ApiValidationError;
import com.flash.backoffice.portal.api.GreenfieldApi;
import com.flash.backoffice.portal.refund.RefundClaimPaths;
import com.flash.backoffice.portal.refund.RefundDraft;
import com.flash.backoffice.portal.refund.RefundField;
import com.flash.backoffice.portal.refund.RefundService;
import com.flash.backoffice.portal.refund.RefundStartOutcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Greenfield's refund route ({@code POST /api/v1/stores/{storeId}/invoices/{invoiceId}/refund}, BTCPay's
 * RefundInvoiceRequest and permission {@code btcpay.store.cancreatenonapprovedpullpayments}), its preview (every
 * variant's amount, nothing written), and Flash's refund reads. Another store's invoice or refund is "not found".
 */
@GreenfieldApi
@RestController
class RefundsController {

    static final Set<String> PAYMENT_METHODS =
            Set.of("BTC", "BTC-CHAIN", "BTC-OnChain", "BTC-LN", "BTC-LightningNetwork", "BTC_LightningLike");

    private final RefundService refunds;
    private final ApiIdempotency idempotency;
    private final ApiLinks links;

    RefundsController(RefundService refunds, ApiIdempotency idempotency, ApiLinks links) {
        this.refunds = refunds;
        this.idempotency = idempotency;
        this.links = links;
    }

    @PostMapping("/api/v1/stores/{storeId}/invoices/{invoiceId}/refund")
    ResponseEntity<String> refund(
            @PathVariable String storeId,
            @PathVariable String invoiceId,
            @RequestHeader(name = ApiIdempotency.HEADER, required = false) String idempotencyKey,
            @RequestBody(required = false) String body) {
        requireInStore(storeId, invoiceId);
        return idempotency.once(idempotencyKey, storeId + "\n" + invoiceId + "\n" + body, claim -> {
            RefundDraft draft = draft(ApiJson.object(body), true);
            Refund created = switch (refunds.start(invoiceId, draft, RefundOrigin.API)) {
                case RefundStartOutcome.Created ok -> ok.refund();
                case RefundStartOutcome.Invalid invalid ->
                    throw ApiException.validation(invalid.errors().entrySet().stream()
                            .map(error -> new ApiValidationError(error.getKey().apiPath(), error.getValue()))
                            .toList());
                case RefundStartOutcome.Refused refused ->
                    throw ApiException.of(HttpStatus.UNPROCESSABLE_CONTENT, refused.code(), refused.message());
                case RefundStartOutcome.UnknownInvoice unknown -> throw invoiceNotFound();
            };
            return new ApiIdempotency.Response(200, ApiJson.write(data(created)));
        });
    }

    /** Every variant's amount for this body (its percentage and custom amount), before anything is kept. */
    @PostMapping("/api/v1/stores/{storeId}/invoices/{invoiceId}/refund/preview")
    List<RefundPreviewData> preview(
            @PathVariable String storeId, @PathVariable String invoiceId, @RequestBody(required = false) String body) {
        requireInStore(storeId, invoiceId);
        RefundDraft draft = draft(ApiJson.object(body == null || body.isBlank() ? "{}" : body), false);
        return refunds.preview(invoiceId, draft).stream()
                .map(RefundPreviewData::of)
                .toList();
    }

    @GetMapping("/api/v1/stores/{storeId}/invoices/{invoiceId}/refunds")
    List<RefundData> list(@PathVariable String storeId, @PathVariable String invoiceId) {
        requireInStore(storeId, invoiceId);
        return refunds.forInvoice(invoiceId).stream().map(this::data).toList();
    }

    @GetMapping("/api/v1/stores/{storeId}/refunds/{refundId}")
    RefundData get(@PathVariable String storeId, @PathVariable String refundId) {
        return refunds.findInStore(storeId, refundId)
                .map(this::data)
                .orElseThrow(() -> ApiException.notFound("refund-not-found", "The refund was not found."));
    }

    private RefundData data(Refund refund) {
        return RefundData.of(refund, links.base() + RefundClaimPaths.claimPage(refund.claimToken()));
    }

    private void requireInStore(String storeId, String invoiceId) {
        if (!refunds.storeOf(invoiceId).map(storeId::equals).orElse(false)) {
            throw invoiceNotFound();
        }
    }

    private static ApiException invoiceNotFound() {
        return ApiException.notFound("invoice-not-found", "The invoice was not found.");
    }

    /** BTCPay's RefundInvoiceRequest, with Flash's optional destination; {@code strict} requires the variant. */
    static RefundDraft draft(JsonNode root, boolean strict) {
        List<ApiValidationError> errors = new ArrayList<>();
        String variantName = text(root, "refundVariant");
        RefundVariant variant = null;
        if (variantName == null || variantName.isBlank()) {
            if (strict) {
                errors.add(new ApiValidationError(
                        RefundField.VARIANT.apiPath(),
                        "refundVariant is required: RateThen, CurrentRate, Fiat, OverpaidAmount or Custom"));
            }
        } else {
            variant = RefundVariant.fromGreenfield(variantName).orElse(null);
            if (variant == null) {
                errors.add(new ApiValidationError(
                        RefundField.VARIANT.apiPath(),
                        "Unknown refundVariant '" + variantName
                                + "': use RateThen, CurrentRate, Fiat, OverpaidAmount or Custom"));
            }
        }
        String method = text(root, "paymentMethod");
        if (method != null && !PAYMENT_METHODS.contains(method)) {
            errors.add(new ApiValidationError(
                    RefundField.PAYMENT_METHOD.apiPath(), "Invalid paymentMethod: use BTC-LN or BTC-CHAIN"));
        }
        BigDecimal subtract = decimal(root, "subtractPercentage", RefundField.SUBTRACT_PERCENTAGE, errors);
        BigDecimal customAmount = decimal(root, "customAmount", RefundField.CUSTOM_AMOUNT, errors);
        String reason = text(root, "description") != null ? text(root, "description") : text(root, "name");
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new RefundDraft(
                variant,
                subtract,
                customAmount,
                text(root, "customCurrency"),
                reason,
                text(root, "destination"),
                null,
                false);
    }

    private static BigDecimal decimal(JsonNode root, String field, RefundField path, List<ApiValidationError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return null;
        }
        try {
            return node.isNumber()
                    ? node.decimalValue()
                    : new BigDecimal(node.asString().strip());
        } catch (RuntimeException notANumber) {
            errors.add(new ApiValidationError(path.apiPath(), field + " must be a number"));
            return null;
        }
    }

    private static String text(JsonNode root, String field) {
        return ApiJson.text(root, field);
    }
}
