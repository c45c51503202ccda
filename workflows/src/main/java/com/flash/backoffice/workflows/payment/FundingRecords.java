package com.flash.backoffice.workflows.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A cold batch's {@link FundedPsbt} as the {@code payment_batch.funding} column keeps it (JSON). */
public final class FundingRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FundingRecords() {}

    public static String write(FundedPsbt funded) {
        try {
            return JSON.writeValueAsString(funded);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the funding of " + funded.batchId(), e);
        }
    }

    /** The stored funding; throws for a batch that has none. */
    public static FundedPsbt read(String funding) {
        if (funding == null) {
            throw new IllegalArgumentException("the batch has no PSBT (it is not a cold batch, or not funded yet)");
        }
        try {
            return JSON.readValue(funding, FundedPsbt.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored funding is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
