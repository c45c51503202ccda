package com.flash.backoffice.portal.refund.api;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.portal.refund.RefundPreview;
import java.math.BigDecimal;

/** One variant of the preview route: its amount in BTC and fiat, or why it does not apply. */
record RefundPreviewData(
        String refundVariant,
        boolean available,
        String amount,
        long amountMsat,
        BigDecimal fiatAmount,
        String fiatCurrency,
        BigDecimal rate,
        boolean fixedAtApproval,
        boolean needsApproval,
        String reason) {

    static RefundPreviewData of(RefundPreview preview) {
        if (!preview.available()) {
            return new RefundPreviewData(
                    preview.variant().greenfieldName(),
                    false,
                    null,
                    0,
                    null,
                    null,
                    null,
                    false,
                    true,
                    preview.refusal());
        }
        var quote = preview.quote();
        return new RefundPreviewData(
                preview.variant().greenfieldName(),
                true,
                Msat.ofMsat(quote.amountMsat()).toBtcString(),
                quote.amountMsat(),
                quote.fiatAmount(),
                quote.fiatCurrency(),
                quote.rate(),
                !quote.fixed(),
                preview.needsFinance(),
                null);
    }
}
