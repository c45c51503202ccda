package com.flash.backoffice.workflows.payment;

import java.util.Objects;

/** A Lightning address or LNURL-pay that gave no payable invoice, with the refusal and the case in words. */
public final class LnurlPayException extends RuntimeException {

    private final LnurlRefusal refusal;
    private final DestinationKind kind;

    LnurlPayException(LnurlRefusal refusal, DestinationKind kind, String detail) {
        this(refusal, kind, detail, null);
    }

    LnurlPayException(LnurlRefusal refusal, DestinationKind kind, String detail, Throwable cause) {
        super(refusal.message() + ": " + Objects.requireNonNull(detail, "detail"), cause);
        this.refusal = refusal;
        this.kind = kind;
    }

    public LnurlRefusal refusal() {
        return refusal;
    }

    /** The refusal as the payment feature reports a destination it cannot pay. */
    public DestinationProblem problem() {
        return new DestinationProblem(kind, getMessage());
    }
}
