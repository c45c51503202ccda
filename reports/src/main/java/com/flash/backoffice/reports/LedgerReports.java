package com.flash.backoffice.reports;

import com.flash.backoffice.reports.card.CardBalancesQuery;
import com.flash.backoffice.reports.card.CardTransactionsQuery;
import com.flash.backoffice.reports.export.ReportDefinition;
import com.flash.backoffice.reports.export.ReportParameter;
import com.flash.backoffice.reports.export.ReportRegistry;
import com.flash.backoffice.reports.fees.FeesRevenueQuery;
import com.flash.backoffice.reports.invoices.InvoicesQuery;
import com.flash.backoffice.reports.invoices.PaymentsQuery;
import com.flash.backoffice.reports.journal.JournalQuery;
import com.flash.backoffice.reports.payouts.PayoutsQuery;
import com.flash.backoffice.reports.refunds.RefundsQuery;
import com.flash.backoffice.reports.statement.MerchantStatementQuery;
import com.flash.backoffice.reports.trialbalance.TrialBalanceQuery;
import java.util.List;

/**
 * The accounting reports: over the ledger (journal, trial balance, merchant statement, fees and revenue), over
 * invoices (invoices, payments), over payouts, over refunds and over Flash cards' accounts (card balances at a date,
 * what Flash owes card holders; card transactions in a period). A new report is one template, one query and one
 * registration here.
 */
public final class LedgerReports {

    public static final String JOURNAL = "journal";
    public static final String TRIAL_BALANCE = "trial-balance";
    public static final String MERCHANT_STATEMENT = "merchant-statement";
    public static final String FEES_REVENUE = "fees-revenue";
    public static final String INVOICES = "invoices";
    public static final String PAYMENTS = "payments";
    public static final String PAYOUTS = "payouts";
    public static final String REFUNDS = "refunds";
    public static final String CARD_BALANCES = "card-balances";
    public static final String CARD_TRANSACTIONS = "card-transactions";

    private static final List<ReportParameter> PERIOD = List.of(ReportParameter.FROM, ReportParameter.TO);

    private LedgerReports() {}

    /** A registry holding every accounting report. */
    public static ReportRegistry registry() {
        return registerAll(new ReportRegistry());
    }

    public static ReportRegistry registerAll(ReportRegistry registry) {
        return registry.register(new ReportDefinition(
                        JOURNAL, "Journal", "reports/journal/journal.jrxml", new JournalQuery(), PERIOD))
                .register(new ReportDefinition(
                        TRIAL_BALANCE,
                        "Trial balance",
                        "reports/trialbalance/trial-balance.jrxml",
                        new TrialBalanceQuery(),
                        List.of(ReportParameter.TO)))
                .register(new ReportDefinition(
                        MERCHANT_STATEMENT,
                        "Merchant statement",
                        "reports/statement/merchant-statement.jrxml",
                        new MerchantStatementQuery(),
                        List.of(ReportParameter.FROM, ReportParameter.TO, ReportParameter.MERCHANT)))
                .register(new ReportDefinition(
                        FEES_REVENUE,
                        "Fees and revenue",
                        "reports/fees/fees-revenue.jrxml",
                        new FeesRevenueQuery(),
                        PERIOD,
                        true))
                .register(new ReportDefinition(
                        INVOICES, "Invoices", "reports/invoices/invoices.jrxml", new InvoicesQuery(), PERIOD, true))
                .register(new ReportDefinition(
                        PAYMENTS, "Payments", "reports/invoices/payments.jrxml", new PaymentsQuery(), PERIOD, true))
                .register(new ReportDefinition(
                        PAYOUTS, "Payouts", "reports/payouts/payouts.jrxml", new PayoutsQuery(), PERIOD, true))
                .register(new ReportDefinition(
                        REFUNDS, "Refunds", "reports/refunds/refunds.jrxml", new RefundsQuery(), PERIOD, true))
                .register(new ReportDefinition(
                        CARD_BALANCES,
                        "Card balances",
                        "reports/card/card-balances.jrxml",
                        new CardBalancesQuery(),
                        List.of(ReportParameter.TO)))
                .register(new ReportDefinition(
                        CARD_TRANSACTIONS,
                        "Card transactions",
                        "reports/card/card-transactions.jrxml",
                        new CardTransactionsQuery(),
                        PERIOD));
    }
}
