package com.flash.backoffice.portal.invoice.api;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.portal.checkout.PaymentUris;
import com.flash.backoffice.portal.invoice.InvoiceService;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Maps invoices to Greenfield's JSON shapes and BTCPay's names back to ours. */
final class InvoiceJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigDecimal MSAT_PER_BTC = BigDecimal.valueOf(100_000_000_000L);
    private static final BigDecimal MSAT_PER_SAT = BigDecimal.valueOf(1_000L);

    private InvoiceJson() {}

    static InvoiceData invoice(ApiInvoice api, String checkoutLink) {
        Invoice invoice = api.invoice();
        return new InvoiceData(
                invoice.id(),
                invoice.merchantId(),
                amount(invoice),
                invoice.currency(),
                invoice.amountMsat() == null ? "TopUp" : "Standard",
                checkoutLink,
                invoice.status().btcpayName(),
                invoice.additionalStatus().btcpayName(),
                invoice.monitoringUntil().getEpochSecond(),
                invoice.expiresAt().getEpochSecond(),
                invoice.createdAt().getEpochSecond(),
                metadata(invoice.metadataJson()),
                new InvoiceData.Checkout(
                        speedPolicyName(invoice.speedPolicy()),
                        List.of(PaymentMethod.BTC_CHAIN.id(), PaymentMethod.BTC_LN.id()),
                        null,
                        Duration.between(invoice.createdAt(), invoice.expiresAt())
                                .toMinutes(),
                        Duration.between(invoice.expiresAt(), invoice.monitoringUntil())
                                .toMinutes(),
                        BigDecimal.valueOf(invoice.toleranceBasisPoints(), 2).stripTrailingZeros(),
                        api.redirectUrl(),
                        null,
                        null),
                manualMarking(invoice),
                api.archived());
    }

    static List<PaymentMethodData> paymentMethods(
            Invoice invoice, List<InvoicePayment> payments, InvoiceService.PaymentDestinations destinations) {
        return Arrays.stream(PaymentMethod.values())
                .map(method -> paymentMethod(invoice, method, payments, destinations))
                .toList();
    }

    private static PaymentMethodData paymentMethod(
            Invoice invoice,
            PaymentMethod method,
            List<InvoicePayment> all,
            InvoiceService.PaymentDestinations destinations) {
        List<InvoicePayment> mine =
                all.stream().filter(p -> p.method() == method).toList();
        long methodPaid = mine.stream()
                .filter(p -> p.status() != PaymentStatus.DROPPED)
                .mapToLong(InvoicePayment::amountMsat)
                .sum();
        long amount = invoice.amountMsat() == null ? 0 : invoice.amountMsat();
        long due = Math.max(0, amount - invoice.paidMsat());
        String destination = method == PaymentMethod.BTC_LN ? destinations.bolt11() : destinations.address();
        String paymentLink = destination == null
                ? null
                : method == PaymentMethod.BTC_LN
                        ? PaymentUris.lightning(destination)
                        : PaymentUris.onChain(destination, invoice.amountMsat() == null ? null : due);
        return new PaymentMethodData(
                method.id(),
                legacyPaymentMethodId(method),
                "BTC",
                destination,
                paymentLink,
                invoice.rate() == null
                        ? null
                        : invoice.rate().stripTrailingZeros().toPlainString(),
                btc(methodPaid),
                btc(invoice.paidMsat()),
                btc(due),
                btc(amount),
                "0",
                mine.stream()
                        .map(p -> new PaymentMethodData.Payment(
                                p.paymentRef(),
                                p.seenAt().getEpochSecond(),
                                btc(p.amountMsat()),
                                "0",
                                paymentStatus(p.status()),
                                p.destination()))
                        .toList(),
                false,
                Map.of());
    }

    static String amount(Invoice invoice) {
        if (invoice.amountMsat() == null) {
            return "0";
        }
        if (invoice.fiatAmount() != null) {
            return invoice.fiatAmount().stripTrailingZeros().toPlainString();
        }
        if ("SATS".equals(invoice.currency())) {
            return BigDecimal.valueOf(invoice.amountMsat())
                    .divide(MSAT_PER_SAT)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return btc(invoice.amountMsat());
    }

    static String btc(long msat) {
        if (msat == 0) {
            return "0";
        }
        return BigDecimal.valueOf(msat)
                .divide(MSAT_PER_BTC)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** The id BTCPay used before 2.0 (its spec's {@code paymentMethod}). */
    static String legacyPaymentMethodId(PaymentMethod method) {
        return switch (method) {
            case BTC_CHAIN -> "BTC";
            case BTC_LN -> "BTC-LightningNetwork";
        };
    }

    static String paymentStatus(PaymentStatus status) {
        return switch (status) {
            case PENDING -> "Processing";
            case CONFIRMED -> "Settled";
            case DROPPED -> "Invalid";
        };
    }

    static String speedPolicyName(SpeedPolicy policy) {
        return switch (policy) {
            case HIGH -> "HighSpeed";
            case MEDIUM -> "MediumSpeed";
            case LOW_MEDIUM -> "LowMediumSpeed";
            case LOW -> "LowSpeed";
        };
    }

    static Optional<SpeedPolicy> speedPolicy(String name) {
        return Arrays.stream(SpeedPolicy.values())
                .filter(p -> speedPolicyName(p).equalsIgnoreCase(name))
                .findFirst();
    }

    static Optional<InvoiceStatus> status(String name) {
        return Arrays.stream(InvoiceStatus.values())
                .filter(s -> s.btcpayName().equalsIgnoreCase(name))
                .findFirst();
    }

    /** BTCPay's rules as the invoice workflow applies them: what a mark request could change now. */
    private static List<String> manualMarking(Invoice invoice) {
        return switch (invoice.status()) {
            case NEW, PROCESSING, EXPIRED -> List.of("Settled", "Invalid");
            case SETTLED ->
                invoice.additionalStatus() == InvoiceAdditionalStatus.MARKED ? List.of("Invalid") : List.of();
            case INVALID -> List.of("Settled");
        };
    }

    private static JsonNode metadata(String json) {
        try {
            return JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }
}
