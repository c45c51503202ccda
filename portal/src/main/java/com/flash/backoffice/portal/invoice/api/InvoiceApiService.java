package com.flash.backoffice.portal.invoice.api;

import com.flash.backoffice.db.api.ApiInvoiceQuery;
import com.flash.backoffice.db.api.InvoiceApiRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.portal.api.ApiException;
import com.flash.backoffice.portal.api.ApiValidationError;
import com.flash.backoffice.portal.api.IdempotencyClaim;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.invoice.InvoiceCreateResult;
import com.flash.backoffice.portal.invoice.InvoiceDraft;
import com.flash.backoffice.portal.invoice.InvoiceService;
import com.flash.backoffice.workflows.invoice.MarkResult;
import com.flash.backoffice.workflows.invoice.MarkTarget;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Greenfield invoice routes over {@link InvoiceService}: every call is for one store, and an invoice of
 * another store is "not found". Adds what only the API has: metadata updates, archiving, the redirect URL.
 */
@Service
public class InvoiceApiService {

    static final String VIEW = "@storePermissions.has(#storeId, 'btcpay.store.canviewinvoices')";
    static final String CREATE = "@storePermissions.has(#storeId, 'btcpay.store.cancreateinvoice')";
    static final String MODIFY = "@storePermissions.has(#storeId, 'btcpay.store.canmodifyinvoices')";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InvoiceService invoices;
    private final InvoiceApiRepository apiColumns;
    private final MerchantRepository merchants;
    private final AuditService audit;
    private final TransactionTemplate transaction;

    InvoiceApiService(
            InvoiceService invoices,
            InvoiceApiRepository apiColumns,
            MerchantRepository merchants,
            AuditService audit,
            TransactionTemplate transaction) {
        this.invoices = invoices;
        this.apiColumns = apiColumns;
        this.merchants = merchants;
        this.audit = audit;
        this.transaction = transaction;
    }

    /**
     * Creates the invoice, or, when an earlier attempt under the request's Idempotency-Key stored it and then
     * failed, finishes and returns that one.
     */
    @PreAuthorize(CREATE)
    public ApiInvoice create(String storeId, InvoiceDraft draft, String redirectUrl, IdempotencyClaim claim) {
        requireStore(storeId);
        Optional<String> createdBefore = claim.createdBefore();
        if (createdBefore.isPresent()) {
            Invoice invoice = invoices.finishCreation(createdBefore.get());
            if (!invoice.merchantId().equals(storeId)) {
                throw new IllegalStateException("Idempotency-Key resource of another store: " + invoice.id());
            }
            if (redirectUrl != null) {
                apiColumns.setRedirectUrl(invoice.id(), redirectUrl);
            }
            return new ApiInvoice(invoice, false, redirectUrl);
        }
        InvoiceCreateResult result = invoices.create(storeId, draft, stored -> {
            claim.created(stored.id());
            // in the invoice's transaction: a stored invoice always has the redirect it was created with
            if (redirectUrl != null) {
                apiColumns.setRedirectUrl(stored.id(), redirectUrl);
            }
        });
        return switch (result) {
            case InvoiceCreateResult.Created created -> new ApiInvoice(created.invoice(), false, redirectUrl);
            case InvoiceCreateResult.Invalid invalid ->
                throw ApiException.validation(invalid.errors().stream()
                        .map(e -> new ApiValidationError(e.path(), e.message()))
                        .toList());
            case InvoiceCreateResult.MerchantNotFound notFound -> throw ApiException.storeNotFound();
        };
    }

    @PreAuthorize(VIEW)
    public ApiInvoice get(String storeId, String invoiceId) {
        requireStore(storeId);
        return load(storeId, invoiceId);
    }

    @PreAuthorize(VIEW)
    public List<ApiInvoice> list(String storeId, ApiInvoiceQuery query) {
        requireStore(storeId);
        return apiColumns.findIds(query).stream().map(id -> load(storeId, id)).toList();
    }

    @PreAuthorize(VIEW)
    public List<InvoicePayment> payments(String storeId, String invoiceId) {
        requireStore(storeId);
        load(storeId, invoiceId);
        return invoices.payments(invoiceId);
    }

    /** Where the customer pays: the address, and the BOLT11 for the amount still due. */
    @PreAuthorize(VIEW)
    public InvoiceService.PaymentDestinations destinations(String storeId, String invoiceId) {
        requireStore(storeId);
        load(storeId, invoiceId);
        return invoices.paymentDestinations(invoiceId);
    }

    /** Replaces the metadata (BTCPay's PUT); the order id column follows {@code metadata.orderId}. */
    @PreAuthorize(MODIFY)
    public ApiInvoice updateMetadata(String storeId, String invoiceId, String metadataJson) {
        requireStore(storeId);
        ApiInvoice before = load(storeId, invoiceId);
        String orderId = checkedOrderId(metadataJson);
        transaction.executeWithoutResult(status -> {
            apiColumns.updateMetadata(invoiceId, metadataJson, orderId);
            audit.record("invoice.update-metadata", "invoice", invoiceId, before.invoice(), null, null);
        });
        return load(storeId, invoiceId);
    }

    /** BTCPay's DELETE: the invoice is archived (hidden from lists), never removed. */
    @PreAuthorize(MODIFY)
    public void archive(String storeId, String invoiceId) {
        requireStore(storeId);
        ApiInvoice before = load(storeId, invoiceId);
        if (before.archived()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            apiColumns.setArchived(invoiceId, true);
            audit.record("invoice.archive", "invoice", invoiceId, null, null, null);
        });
    }

    /** Marks Settled or Invalid through the invoice workflow (which applies BTCPay's rules). */
    @PreAuthorize(MODIFY)
    public ApiInvoice mark(String storeId, String invoiceId, MarkTarget target, String actor) {
        requireStore(storeId);
        load(storeId, invoiceId);
        MarkResult result =
                invoices.mark(invoiceId, target, "Marked " + target.name() + " through the API by " + actor);
        if (result != MarkResult.MARKED) {
            throw ApiException.validation("status", result.message());
        }
        return load(storeId, invoiceId);
    }

    private void requireStore(String storeId) {
        if (merchants.findById(storeId).isEmpty()) {
            throw ApiException.storeNotFound();
        }
    }

    private ApiInvoice load(String storeId, String invoiceId) {
        Optional<Invoice> invoice;
        try {
            invoice = invoices.find(invoiceId).filter(i -> i.merchantId().equals(storeId));
        } catch (AccessDeniedException otherStore) {
            // the caller may read this store (checked before), so the invoice belongs to another one
            invoice = Optional.empty();
        }
        if (invoice.isEmpty()) {
            throw ApiException.notFound("invoice-not-found", "The invoice was not found in this store.");
        }
        InvoiceApiRepository.ApiInvoiceFields fields =
                apiColumns.fields(invoiceId).orElse(new InvoiceApiRepository.ApiInvoiceFields(false, null));
        return new ApiInvoice(invoice.get(), fields.archived(), fields.redirectUrl());
    }

    private static String checkedOrderId(String metadataJson) {
        if (metadataJson.getBytes(StandardCharsets.UTF_8).length > NewInvoice.MAX_METADATA_BYTES) {
            throw ApiException.validation("metadata", "Metadata is larger than 64 KiB.");
        }
        try {
            JsonNode node = JSON.readTree(metadataJson);
            if (!node.isObject()) {
                throw ApiException.validation("metadata", "Metadata must be a JSON object.");
            }
            if (!node.hasNonNull("orderId")) {
                return null;
            }
            if (!node.get("orderId").isValueNode()) {
                throw ApiException.validation("metadata.orderId", "Give the order id as a string.");
            }
            String orderId = node.get("orderId").asString();
            if (orderId.length() > 190) {
                throw ApiException.validation("metadata.orderId", "At most 190 characters.");
            }
            return orderId;
        } catch (JacksonException e) {
            throw ApiException.validation("metadata", "Metadata is not valid JSON.");
        }
    }
}
