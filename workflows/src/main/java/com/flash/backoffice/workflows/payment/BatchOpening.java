package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.BatchCustody;

/** A batch a batcher run opened: which one, and whose keys sign it. */
public record BatchOpening(long batchId, BatchCustody custody, int payments) {}
