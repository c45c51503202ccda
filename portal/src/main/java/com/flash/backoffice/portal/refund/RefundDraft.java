package com.flash.backoffice.portal.refund;

import com.flash.backoffice.db.refund.RefundVariant;
import java.math.BigDecimal;

/**
 * A refund as the start dialog or the API asks for it.
 *
 * @param variant null when not chosen (a field error)
 * @param destination where to pay right after approval, or blank: the customer claims it with the link
 * @param suspenseReceiptId refund from this receipt in suspense instead of the merchant's balance, or null
 * @param allowNegativeBalance FINANCE only: the merchant's balance may go negative (booked as a receivable)
 */
public record RefundDraft(
        RefundVariant variant,
        BigDecimal subtractPercentage,
        BigDecimal customAmount,
        String customCurrency,
        String reason,
        String destination,
        Long suspenseReceiptId,
        boolean allowNegativeBalance) {

    public static RefundDraft of(RefundVariant variant, String reason) {
        return new RefundDraft(variant, null, null, null, reason, null, null, false);
    }
}
