package com.flash.backoffice.portal.invoice.api;

import com.flash.backoffice.db.api.ApiInvoiceQuery;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.portal.api.ApiException;
import com.flash.backoffice.portal.api.ApiIdempotency;
import com.flash.backoffice.portal.api.ApiJson;
import com.flash.backoffice.portal.api.ApiLinks;
import com.flash.backoffice.portal.api.GreenfieldApi;
import com.flash.backoffice.workflows.invoice.MarkTarget;
import java.security.Principal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Greenfield's invoice routes: {@code /api/v1/stores/{storeId}/invoices}. */
@GreenfieldApi
@RestController
@RequestMapping("/api/v1/stores/{storeId}/invoices")
class InvoicesController {

    static final int DEFAULT_TAKE = 100;
    static final int MAX_TAKE = 1000;

    private final InvoiceApiService invoices;
    private final ApiIdempotency idempotency;
    private final ApiLinks links;

    InvoicesController(InvoiceApiService invoices, ApiIdempotency idempotency, ApiLinks links) {
        this.invoices = invoices;
        this.idempotency = idempotency;
        this.links = links;
    }

    @PostMapping
    ResponseEntity<String> create(
            @PathVariable String storeId,
            @RequestHeader(name = ApiIdempotency.HEADER, required = false) String idempotencyKey,
            @RequestBody(required = false) String body) {
        return idempotency.once(idempotencyKey, storeId + "\n" + body, claim -> {
            CreateInvoiceRequest request = CreateInvoiceRequest.parse(body);
            ApiInvoice created = invoices.create(storeId, request.draft(), request.redirectUrl(), claim);
            return new ApiIdempotency.Response(200, ApiJson.write(data(created)));
        });
    }

    static final long MAX_UNIX_TIME = 253_402_300_799L;

    @GetMapping
    List<InvoiceData> list(
            @PathVariable String storeId,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> orderId,
            @RequestParam(required = false) String textSearch,
            @RequestParam(required = false) Long startDate,
            @RequestParam(required = false) Long endDate,
            @RequestParam(required = false) Integer skip,
            @RequestParam(required = false) Integer take,
            @RequestParam(required = false, defaultValue = "false") boolean includeArchived) {
        Set<InvoiceStatus> statuses = EnumSet.noneOf(InvoiceStatus.class);
        for (String name : status == null ? List.<String>of() : status) {
            statuses.add(InvoiceJson.status(name)
                    .orElseThrow(() -> ApiException.validation(
                            "status", "Unknown status: use New, Processing, Settled, Expired" + " or Invalid.")));
        }
        int offset = skip == null ? 0 : skip;
        int limit = take == null ? DEFAULT_TAKE : take;
        requireUnixTime("startDate", startDate);
        requireUnixTime("endDate", endDate);
        if (offset < 0) {
            throw ApiException.validation("skip", "Cannot be negative.");
        }
        if (limit < 0 || limit > MAX_TAKE) {
            throw ApiException.validation("take", "Between 0 and " + MAX_TAKE + ".");
        }
        ApiInvoiceQuery query = new ApiInvoiceQuery(
                storeId,
                statuses,
                orderId,
                textSearch,
                startDate == null ? null : Instant.ofEpochSecond(startDate),
                // Greenfield's endDate is inclusive (seconds); the query's upper bound is exclusive
                endDate == null ? null : Instant.ofEpochSecond(endDate + 1),
                includeArchived,
                offset,
                limit);
        return invoices.list(storeId, query).stream().map(this::data).toList();
    }

    @GetMapping("/{invoiceId}")
    InvoiceData get(@PathVariable String storeId, @PathVariable String invoiceId) {
        return data(invoices.get(storeId, invoiceId));
    }

    /** Greenfield's UpdateInvoiceRequest: {@code {"metadata": {...}}} replaces the metadata. */
    @PutMapping("/{invoiceId}")
    InvoiceData update(
            @PathVariable String storeId, @PathVariable String invoiceId, @RequestBody(required = false) String body) {
        JsonNode root = ApiJson.object(body);
        JsonNode metadata = root.get("metadata");
        if (metadata == null || !metadata.isObject()) {
            throw ApiException.validation("metadata", "Metadata must be a JSON object.");
        }
        return data(invoices.updateMetadata(storeId, invoiceId, ApiJson.write(metadata)));
    }

    @DeleteMapping("/{invoiceId}")
    ResponseEntity<Void> archive(@PathVariable String storeId, @PathVariable String invoiceId) {
        invoices.archive(storeId, invoiceId);
        return ResponseEntity.ok().build();
    }

    /**
     * Greenfield's MarkInvoiceStatusRequest: {@code {"status": "Settled" | "Invalid"}}. "Complete" is Settled's name
     * in BTCPay's spec before 1.4, which clients generated from it (btcpay-greenfield-node-client) still send.
     */
    @PostMapping("/{invoiceId}/status")
    InvoiceData mark(
            @PathVariable String storeId,
            @PathVariable String invoiceId,
            @RequestBody(required = false) String body,
            Principal principal) {
        JsonNode status = ApiJson.object(body).get("status");
        MarkTarget target = null;
        if (status != null && status.isString()) {
            target = switch (status.asString()) {
                case "Settled", "Complete" -> MarkTarget.SETTLED;
                case "Invalid" -> MarkTarget.INVALID;
                default -> null;
            };
        }
        if (target == null) {
            throw ApiException.validation("status", "Status can only be marked Settled or Invalid.");
        }
        return data(invoices.mark(storeId, invoiceId, target, principal.getName()));
    }

    @GetMapping("/{invoiceId}/payment-methods")
    List<PaymentMethodData> paymentMethods(@PathVariable String storeId, @PathVariable String invoiceId) {
        ApiInvoice invoice = invoices.get(storeId, invoiceId);
        return InvoiceJson.paymentMethods(
                invoice.invoice(), invoices.payments(storeId, invoiceId), invoices.destinations(storeId, invoiceId));
    }

    private InvoiceData data(ApiInvoice invoice) {
        return InvoiceJson.invoice(invoice, links.checkout(invoice.invoice().id()));
    }

    /** Seconds since 1970 up to the end of year 9999: beyond that no date exists to compare with. */
    private static void requireUnixTime(String parameter, Long seconds) {
        if (seconds != null && (seconds < 0 || seconds > MAX_UNIX_TIME)) {
            throw ApiException.validation(parameter, "A Unix time in seconds, between 0 and " + MAX_UNIX_TIME + ".");
        }
    }
}
