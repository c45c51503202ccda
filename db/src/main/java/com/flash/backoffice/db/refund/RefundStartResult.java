package com.flash.backoffice.db.refund;

import com.flash.backoffice.db.money.Msat;

/** What a start did: created the refund, or refused it (and wrote nothing). */
public sealed interface RefundStartResult {

    record Created(Refund refund) implements RefundStartResult {}

    record UnknownInvoice() implements RefundStartResult {}

    record NotRefundable(String reason) implements RefundStartResult {}

    /** The refunds of the invoice would exceed what was paid on it: {@code remaining} is what is left. */
    record ExceedsPaid(Msat paid, Msat alreadyRefunded, Msat remaining) implements RefundStartResult {}

    /** The merchant's payable balance cannot cover it (and FINANCE did not allow a negative balance). */
    record InsufficientBalance(Msat payable) implements RefundStartResult {}

    /** The receipt in suspense is not this invoice's, not custodial, or holds less than the refund. */
    record SuspenseUnavailable(String reason) implements RefundStartResult {}
}
