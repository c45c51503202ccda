package com.flash.backoffice.db.chain;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static com.flash.backoffice.db.jooq.Tables.INVOICE_PAYMENT;

import com.flash.backoffice.db.jooq.enums.InvoicePaymentMethod;
import com.flash.backoffice.db.jooq.enums.InvoicePaymentStatus;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The on-chain payments a restarted chain watcher must keep following. */
@Repository
public class ChainPaymentQuery {

    private final DSLContext ctx;

    public ChainPaymentQuery(DSLContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Counted (not dropped) on-chain payments of invoices still monitored at {@code now} with fewer than
     * {@code belowConfirmations} confirmations.
     */
    public List<PendingChainPayment> following(Instant now, int belowConfirmations) {
        return ctx.select(
                        INVOICE_PAYMENT.PAYMENT_REF,
                        INVOICE_PAYMENT.INVOICE_ID,
                        INVOICE_PAYMENT.DESTINATION,
                        INVOICE_PAYMENT.AMOUNT_MSAT,
                        INVOICE_PAYMENT.CONFIRMATIONS,
                        INVOICE_PAYMENT.RBF,
                        INVOICE.SPEED_POLICY)
                .from(INVOICE_PAYMENT)
                .join(INVOICE)
                .on(INVOICE.ID.eq(INVOICE_PAYMENT.INVOICE_ID))
                .where(INVOICE_PAYMENT.METHOD.eq(InvoicePaymentMethod.BTC_CHAIN))
                .and(INVOICE_PAYMENT.STATUS.ne(InvoicePaymentStatus.DROPPED))
                .and(INVOICE_PAYMENT.CONFIRMATIONS.lt(belowConfirmations))
                .and(INVOICE.MONITORING_UNTIL.gt(UtcTimestamps.toDb(now)))
                .fetch(row -> new PendingChainPayment(
                        row.value1(),
                        row.value2(),
                        row.value3(),
                        row.value4(),
                        row.value5(),
                        row.value6(),
                        SpeedPolicy.valueOf(row.value7().name())));
    }
}
