package com.flash.backoffice.workflows.payment;

import java.util.Objects;

/** A signed upload that cannot be broadcast as it is, with the reason; nothing was broadcast. */
public class PsbtRefusal extends RuntimeException {

    /** Why an upload is refused. */
    public enum Reason {
        /** Neither a PSBT (binary, base64 or hex) nor a transaction in hex. */
        UNREADABLE,
        /** Signatures are missing (the PSBT was not signed, or only in part). */
        NOT_SIGNED,
        /** A signature does not verify against the coin it spends. */
        BAD_SIGNATURE,
        /** The PSBT is finalized already and the node cannot extract it: upload the final transaction instead. */
        ALREADY_FINALIZED,
        /** It spends other coins than the funded ones. */
        NOT_THE_FUNDED_INPUTS,
        /** An approved output is not paid. */
        OUTPUT_MISSING,
        /** An approved address is paid another amount. */
        AMOUNT_DIFFERS,
        /** An approved address is paid more than once. */
        OUTPUT_DUPLICATED,
        /** An output pays an address that is neither approved nor the treasury account's. */
        UNKNOWN_OUTPUT,
        /** The fee is above the limit. */
        FEE_OVER_LIMIT
    }

    private final Reason reason;

    public PsbtRefusal(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
