package com.flash.backoffice.db.payment;

/** A batch with what it pays in total, for lists. */
public record BatchSummary(PaymentBatch batch, int payments, long amountMsat) {}
