package com.flash.backoffice.db.testsupport;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStateUpdate;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;

/** Merchants with a balance and invoices in a paid state, for refund tests. */
public final class PaidInvoices {

    private static final AtomicInteger MERCHANTS = new AtomicInteger();

    private final DSLContext dsl;

    public PaidInvoices(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A merchant (EUR) whose balance in the ledger is {@code balanceMsat}, credited from Lightning receipts. */
    public Merchant merchantWithBalance(long balanceMsat) {
        Merchant merchant = new MerchantRepository(dsl)
                .create(NewMerchant.withDefaults("Refund shop " + MERCHANTS.incrementAndGet(), "EUR"));
        if (balanceMsat > 0) {
            fund(merchant.id(), balanceMsat, "funding-" + merchant.id());
        }
        return merchant;
    }

    public void fund(String merchantId, long msat, String sourceKey) {
        LedgerRepository ledger = new LedgerRepository(dsl);
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchantId));
        ledger.post(new JournalEntry(
                sourceKey,
                "received",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(msat)),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchantId).code(), Msat.ofMsat(msat)))));
    }

    /** A EUR invoice of {@code amountMsat} priced at {@code rate} EUR per BTC, settled with {@code paidMsat}. */
    public Invoice settled(String merchantId, long amountMsat, long paidMsat, BigDecimal rate, String metadataJson) {
        InvoiceAdditionalStatus additional =
                paidMsat > amountMsat ? InvoiceAdditionalStatus.PAID_OVER : InvoiceAdditionalStatus.NONE;
        return paid(merchantId, amountMsat, paidMsat, rate, metadataJson, InvoiceStatus.SETTLED, additional);
    }

    public Invoice paid(
            String merchantId,
            long amountMsat,
            long paidMsat,
            BigDecimal rate,
            String metadataJson,
            InvoiceStatus status,
            InvoiceAdditionalStatus additional) {
        InvoiceRepository invoices = new InvoiceRepository(dsl);
        Instant created = Instant.now().minusSeconds(3_600);
        BigDecimal fiat = rate == null
                ? null
                : rate.multiply(BigDecimal.valueOf(amountMsat)).divide(BigDecimal.valueOf(100_000_000_000L));
        Invoice invoice = invoices.create(new NewInvoice(
                merchantId,
                amountMsat,
                rate == null ? "BTC" : "EUR",
                fiat,
                rate,
                null,
                metadataJson,
                SpeedPolicy.MEDIUM,
                0,
                0,
                created,
                created.plusSeconds(900),
                created.plusSeconds(1_800)));
        invoices.saveState(
                new InvoiceStateUpdate(invoice.id(), 1, status, additional, paidMsat, null, List.of(), "{}"));
        return invoices.findById(invoice.id()).orElseThrow();
    }
}
