package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.Payment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch's payments add up to: one output per address (two payments to one address share it, since SendMany
 * takes each address once), and each payment's share of the network fee, so the shares sum to the fee exactly.
 */
final class BatchShares {

    private BatchShares() {}

    /** The batch's outputs in payment-id order, amounts of one address added up; payments are whole satoshis. */
    static List<OnchainOutput> outputs(List<Payment> payments) {
        Map<String, Long> bySat = new LinkedHashMap<>();
        for (Payment payment : payments) {
            bySat.merge(payment.destination(), payment.amountMsat() / 1_000, Math::addExact);
        }
        return bySat.entrySet().stream()
                .map(e -> new OnchainOutput(e.getKey(), e.getValue()))
                .toList();
    }

    /** The most the batch may pay in fees: the sum of its payments' limits, in satoshi (rounded down). */
    static long feeLimitSat(List<Payment> payments) {
        return payments.stream().mapToLong(Payment::feeLimitMsat).reduce(0, Math::addExact) / 1_000;
    }

    /**
     * {@code paymentId}'s share of the fee: an equal part for each payment (every output costs about the same
     * bytes), the few msat left over to the first payment by id.
     */
    static long feeShareMsat(long feeSat, List<Payment> payments, String paymentId) {
        if (payments.stream().noneMatch(p -> p.paymentId().equals(paymentId))) {
            throw new IllegalArgumentException(paymentId + " is not in the batch");
        }
        long feeMsat = Math.multiplyExact(feeSat, 1_000L);
        long part = feeMsat / payments.size();
        long rest = feeMsat - part * payments.size();
        return payments.get(0).paymentId().equals(paymentId) ? part + rest : part;
    }
}
