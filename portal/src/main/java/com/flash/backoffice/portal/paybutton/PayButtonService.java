package com.flash.backoffice.portal.paybutton;

import com.flash.backoffice.db.api.InvoiceApiRepository;
import com.flash.backoffice.portal.api.ApiException;
import com.flash.backoffice.portal.api.ApiLinks;
import com.flash.backoffice.portal.api.ApiValidationError;
import com.flash.backoffice.portal.invoice.InvoiceCreateResult;
import com.flash.backoffice.portal.invoice.InvoiceDraft;
import com.flash.backoffice.portal.invoice.InvoiceService;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Invoices from pay buttons: public, for stores that allow anyone to create invoices, at most
 * {@link OpenInvoiceLimit} of them open per store. The order id and the description become the invoice's metadata
 * ({@code orderId}, {@code itemDesc}), as in BTCPay.
 */
@Service
public class PayButtonService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InvoiceService invoices;
    private final InvoiceApiRepository apiColumns;
    private final ApiLinks links;
    private final OpenInvoiceLimit openLimit;

    PayButtonService(
            InvoiceService invoices, InvoiceApiRepository apiColumns, ApiLinks links, OpenInvoiceLimit openLimit) {
        this.invoices = invoices;
        this.apiColumns = apiColumns;
        this.links = links;
        this.openLimit = openLimit;
    }

    public record PayButtonInvoice(String invoiceId, String checkoutLink) {}

    @PreAuthorize("permitAll()")
    public PayButtonInvoice create(PayButtonForm form) {
        ObjectNode metadata = JSON.createObjectNode();
        if (form.orderId() != null) {
            metadata.put("orderId", form.orderId());
        }
        if (form.checkoutDesc() != null) {
            metadata.put("itemDesc", form.checkoutDesc());
        }
        InvoiceDraft draft = new InvoiceDraft(
                form.price(), form.currency(), JSON.writeValueAsString(metadata), null, null, null, null);
        return switch (invoices.createFromPayButton(form.storeId(), draft, () -> openLimit.check(form.storeId()))) {
            case InvoiceCreateResult.Created created -> {
                String id = created.invoice().id();
                if (form.browserRedirect() != null) {
                    apiColumns.setRedirectUrl(id, form.browserRedirect());
                }
                yield new PayButtonInvoice(id, links.checkout(id));
            }
            case InvoiceCreateResult.Invalid invalid ->
                throw ApiException.validation(invalid.errors().stream()
                        .map(error -> new ApiValidationError(formField(error.path()), error.message()))
                        .toList());
            case InvoiceCreateResult.MerchantNotFound notFound ->
                throw ApiException.of(
                        HttpStatus.NOT_FOUND,
                        "store-not-found",
                        "No store with this id takes pay-button payments (the store must allow anyone to create"
                                + " invoices).");
        };
    }

    private static String formField(String invoicePath) {
        return switch (invoicePath) {
            case "amount" -> "price";
            case "metadata" -> "orderId";
            default -> invoicePath;
        };
    }
}
