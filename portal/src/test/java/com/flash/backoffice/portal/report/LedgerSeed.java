package com.flash.backoffice.portal.report;

import com.flash.backoffice.db.ledger.AccountType;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** A fresh merchant with settlements in its balance account, so its statement has a known number of rows. */
public final class LedgerSeed {

    private LedgerSeed() {}

    public static Merchant merchantWithSettlements(
            MerchantRepository merchants, LedgerRepository ledger, int settlements, Instant bookedAt) {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Report shop " + UUID.randomUUID(), "BTC"));
        String account = ChartOfAccounts.merchantBalance(merchant.id()).code();
        ledger.createAccount(new NewLedgerAccount(account, "Merchant balance", AccountType.LIABILITY, merchant.id()));
        for (int i = 0; i < settlements; i++) {
            ledger.post(new JournalEntry(
                    "report-test:" + merchant.id() + ":" + i,
                    "Settlement " + i,
                    bookedAt.plusSeconds(i),
                    List.of(
                            JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(1_000_000)),
                            JournalLine.credit(account, Msat.ofMsat(990_000)),
                            JournalLine.credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(10_000)))));
        }
        return merchant;
    }

    /** The data records of an exported CSV: those after the header record whose first field is "Booked at". */
    public static List<CSVRecord> statementRows(byte[] csv) {
        try {
            List<CSVRecord> records = CSVFormat.RFC4180
                    .parse(new StringReader(new String(csv, StandardCharsets.UTF_8)))
                    .getRecords();
            int header = -1;
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i).get(0).startsWith("Booked at")) {
                    header = i;
                }
            }
            if (header < 0) {
                throw new AssertionError("no header record in\n" + new String(csv, StandardCharsets.UTF_8));
            }
            return records.subList(header + 1, records.size()).stream()
                    .filter(row -> !row.get(0).equals("Total") && !row.get(0).equals("No entries in this period"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
