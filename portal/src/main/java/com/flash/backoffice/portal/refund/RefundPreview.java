package com.flash.backoffice.portal.refund;

import com.flash.backoffice.db.refund.RefundQuote;
import com.flash.backoffice.db.refund.RefundVariant;

/**
 * One variant's amount before the agent commits: the quote (BTC and fiat), or why the variant does not apply; and
 * whether FINANCE must approve it.
 */
public record RefundPreview(RefundVariant variant, RefundQuote quote, String refusal, boolean needsFinance) {

    public boolean available() {
        return quote != null;
    }
}
