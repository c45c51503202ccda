package com.flash.backoffice.portal.payout.api;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.Payout;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Greenfield's PayoutData. {@code state} uses BTCPay's names; {@code Failed} is Flash's addition (a payout parked after
 * its payment failed, reservation held), with the reason in {@code metadata}.
 */
record PayoutData(
        String id,
        int revision,
        String pullPaymentId,
        long date,
        String destination,
        String payoutMethodId,
        String paymentMethod,
        String cryptoCode,
        String amount,
        String paymentMethodAmount,
        String state,
        Map<String, Object> paymentProof,
        Map<String, Object> metadata) {

    static PayoutData of(Payout payout) {
        String method = payout.destinationKind().lightning() ? "BTC-LN" : "BTC-CHAIN";
        String amount = Msat.ofMsat(payout.amountMsat()).toBtcString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (payout.failure() != null) {
            metadata.put("failure", payout.failure());
            metadata.put("failureDetail", payout.failureDetail());
        }
        if (payout.feeMsat() != null) {
            metadata.put("feeMsat", payout.feeMsat());
        }
        return new PayoutData(
                payout.id(),
                payout.revision(),
                null,
                payout.createdAt().getEpochSecond(),
                payout.destination(),
                method,
                method,
                "BTC",
                amount,
                amount,
                payout.state().greenfieldName(),
                proof(payout),
                metadata);
    }

    private static Map<String, Object> proof(Payout payout) {
        if (payout.proof() == null) {
            return null;
        }
        return payout.destinationKind().lightning()
                ? Map.of("proofType", "PayoutLightningBlob", "preimage", payout.proof())
                : Map.of("proofType", "PayoutTransactionOnChainBlob", "transactionId", payout.proof());
    }
}
