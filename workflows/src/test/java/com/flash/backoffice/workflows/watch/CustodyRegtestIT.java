package com.flash.backoffice.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.suspense.SuspenseKind;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import com.flash.backoffice.workflows.watch.RegtestInvoiceRig.InvoiceWithAddress;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Custody end to end on real btcd and LND: a Flash-wallet merchant's invoice gets an address of the merchant-side LND's
 * wallet (our "Flash node", NewAddress), the chain watcher sees the payment to it, and the ledger books the coins as
 * Flash's asset owed to the merchant; a merchant-wallet invoice books only the fee receivable; a payment after expiry
 * lands in suspense (custodial) or as a note (the merchant's wallet).
 */
@ExtendWith(RegtestExtension.class)
class CustodyRegtestIT {

    private static final long SATS = 200_000L;
    private static final long MSAT = SATS * 1000;
    private static final long FEE = MSAT / 100; // the merchant's default 1 %

    private static RegtestInvoiceRig rig;
    private static RegtestNetwork net;
    private static LedgerRepository ledger;
    private static SuspenseReceiptRepository suspense;
    private static MerchantRepository merchants;

    private ChainWatcher watcher;

    @BeforeAll
    static void start(RegtestNetwork network) {
        net = network;
        rig = RegtestInvoiceRig.start(network, "custody_regtest_it", "Custody shop", "flash custody merchant");
        ledger = new LedgerRepository(rig.dsl());
        suspense = new SuspenseReceiptRepository(rig.dsl());
        merchants = new MerchantRepository(rig.dsl());
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @AfterEach
    void closeWatcher() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void a_payment_to_an_address_of_flashs_lnd_wallet_is_booked_as_flashs_asset_owed_to_the_merchant() {
        custody(OnchainCustody.FLASH_WALLET);
        watcher = startWatcher("a");
        long onchainBefore = balance(ChartOfAccounts.ONCHAIN_ASSETS.code());
        long liabilityBefore = balance(liability());
        long receivableBefore = balance(receivable());

        InvoiceWithAddress started = rig.startInvoiceWithAddress(SATS, SpeedPolicy.LOW_MEDIUM, Duration.ofMinutes(15));
        assertThat(started.address().custody()).isEqualTo(OnchainCustody.FLASH_WALLET);
        assertThat(started.address().derivationIndex()).isNull();
        assertThat(started.address().address()).startsWith("bcrt1q");
        net.customerSendOnChain(started.address().address(), SATS);
        rig.pollUntil(watcher, started.invoice(), i -> i.status() == InvoiceStatus.PROCESSING);
        net.mine(2);
        Invoice settled = rig.pollUntil(watcher, started.invoice(), i -> i.status() == InvoiceStatus.SETTLED);

        assertThat(settled.paidMsat()).isEqualTo(MSAT);
        assertThat(rig.settlementEntries(settled)).isEqualTo(1);
        assertThat(balance(ChartOfAccounts.ONCHAIN_ASSETS.code()) - onchainBefore)
                .isEqualTo(MSAT);
        assertThat(balance(liability()) - liabilityBefore).isEqualTo(MSAT - FEE);
        assertThat(balance(receivable()) - receivableBefore).isZero();
    }

    @Test
    void a_payment_to_the_merchants_own_key_books_only_the_fee_it_owes() {
        custody(OnchainCustody.MERCHANT_WALLET);
        watcher = startWatcher("b");
        long onchainBefore = balance(ChartOfAccounts.ONCHAIN_ASSETS.code());
        long liabilityBefore = balance(liability());
        long receivableBefore = balance(receivable());

        InvoiceWithAddress started = rig.startInvoiceWithAddress(SATS, SpeedPolicy.LOW_MEDIUM, Duration.ofMinutes(15));
        assertThat(started.address().custody()).isEqualTo(OnchainCustody.MERCHANT_WALLET);
        net.customerSendOnChain(started.address().address(), SATS);
        rig.pollUntil(watcher, started.invoice(), i -> i.status() == InvoiceStatus.PROCESSING);
        net.mine(2);
        rig.pollUntil(watcher, started.invoice(), i -> i.status() == InvoiceStatus.SETTLED);

        assertThat(balance(ChartOfAccounts.ONCHAIN_ASSETS.code())).isEqualTo(onchainBefore);
        assertThat(balance(liability())).isEqualTo(liabilityBefore);
        assertThat(balance(receivable()) - receivableBefore).isEqualTo(FEE);
    }

    @Test
    void a_payment_after_expiry_to_flashs_wallet_lands_in_suspense_once_confirmed() {
        custody(OnchainCustody.FLASH_WALLET);
        watcher = startWatcher("c");
        long suspenseBefore = balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code());
        long liabilityBefore = balance(liability());

        SuspenseReceipt receipt = payAfterExpiry();

        assertThat(receipt.custodial()).isTrue();
        assertThat(receipt.ledgerSourceKey()).isEqualTo("invoice-" + receipt.invoiceId() + "-suspense");
        assertThat(balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code()) - suspenseBefore)
                .isEqualTo(MSAT);
        assertThat(balance(liability())).isEqualTo(liabilityBefore);
    }

    @Test
    void a_payment_after_expiry_to_the_merchants_own_key_is_a_note_and_no_entry() {
        custody(OnchainCustody.MERCHANT_WALLET);
        watcher = startWatcher("d");
        long suspenseBefore = balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code());

        SuspenseReceipt receipt = payAfterExpiry();

        assertThat(receipt.custodial()).isFalse();
        assertThat(receipt.ledgerSourceKey()).isNull();
        assertThat(balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code())).isEqualTo(suspenseBefore);
    }

    /** An invoice that expires after 3 s, paid in full after that, confirmed: its paid-to-expired receipt. */
    private SuspenseReceipt payAfterExpiry() {
        InvoiceWithAddress started = rig.startInvoiceWithAddress(SATS, SpeedPolicy.LOW_MEDIUM, Duration.ofSeconds(3));
        Invoice invoice = started.invoice();
        rig.pollUntil(watcher, invoice, i -> i.status() == InvoiceStatus.EXPIRED);
        net.customerSendOnChain(started.address().address(), SATS);
        Invoice late = rig.pollUntil(watcher, invoice, i -> i.paidMsat() == MSAT);
        assertThat(late.status()).isEqualTo(InvoiceStatus.EXPIRED);
        assertThat(late.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.PAID_LATE);
        String key = "invoice-" + invoice.id() + "-paid-to-expired";
        assertThat(suspense.findByKey(key)).as("not before its confirmations").isEmpty();
        net.mine(2);
        rig.pollUntil(watcher, invoice, i -> suspense.findByKey(key).isPresent());
        SuspenseReceipt receipt = suspense.findByKey(key).orElseThrow();
        assertThat(receipt.kind()).isEqualTo(SuspenseKind.PAID_TO_EXPIRED);
        assertThat(receipt.amountMsat()).isEqualTo(MSAT);
        assertThat(receipt.merchantId()).isEqualTo(rig.merchant().id());
        return receipt;
    }

    private ChainWatcher startWatcher(String owner) {
        ChainWatcher started = rig.chainWatcher("btcd-" + UUID.randomUUID(), owner);
        started.pollOnce();
        return started;
    }

    private static void custody(OnchainCustody custody) {
        Merchant current = merchants.findById(rig.merchant().id()).orElseThrow();
        merchants.update(
                current.id(), current.revision(), current.editableValues().withOnchainCustody(custody));
    }

    private static String liability() {
        return ChartOfAccounts.merchantBalance(rig.merchant().id()).code();
    }

    private static String receivable() {
        return ChartOfAccounts.feesReceivable(rig.merchant().id()).code();
    }

    private static long balance(String code) {
        return ledger.accountBalance(code).map(b -> b.balanceMsat().msat()).orElse(0L);
    }
}
