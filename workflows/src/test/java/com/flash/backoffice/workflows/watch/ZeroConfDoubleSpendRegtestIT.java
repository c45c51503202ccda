package com.flash.backoffice.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.ledger.AccountBalance;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerEntryQuery;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.PostedEntry;
import com.flash.backoffice.db.ledger.Side;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.notice.FinanceNoticeRepository;
import com.flash.backoffice.db.notice.NoticeKind;
import com.flash.backoffice.workflows.invoice.InvoiceRules;
import com.flash.backoffice.workflows.regtest.BtcdPeer;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A HIGH speed invoice settles on a payment with 0 confirmations; a second btcd ({@link BtcdPeer}), disconnected
 * before the payment was broadcast, mines a longer chain in which the same coin pays someone else. When the peer
 * reconnects, the network's node drops the payment from its mempool, the chain watcher signals the drop, and the
 * invoice workflow (real activities on MariaDB) reverses the settlement.
 */
@ExtendWith(RegtestExtension.class)
class ZeroConfDoubleSpendRegtestIT {

    private static RegtestInvoiceRig rig;
    private static RegtestNetwork net;
    private static InvoiceRepository invoices;
    private static LedgerRepository ledger;
    private static LedgerEntryQuery entries;
    private static FinanceNoticeRepository notices;

    private ChainWatcher watcher;
    private BtcdPeer peer;

    @BeforeAll
    static void startEverything(RegtestNetwork network) {
        net = network;
        rig = RegtestInvoiceRig.start(
                network,
                "zero_conf_double_spend_regtest_it",
                "Zero-conf shop",
                "flash regtest double spend merchant",
                OnchainCustody.FLASH_WALLET);
        invoices = rig.invoices();
        ledger = new LedgerRepository(rig.dsl());
        entries = new LedgerEntryQuery(rig.dsl());
        notices = new FinanceNoticeRepository(rig.dsl());
    }

    @AfterAll
    static void stopEverything() {
        if (rig != null) {
            rig.close();
        }
    }

    @BeforeEach
    void startPeerAndWatcher() throws Exception {
        peer = net.startPeer("double-spend-peer-" + UUID.randomUUID().toString().substring(0, 8));
        peer.disconnect();
        watcher = rig.chainWatcher("btcd-" + UUID.randomUUID(), "double-spend-it");
        watcher.pollOnce();
    }

    @AfterEach
    void stopPeerAndWatcher() {
        if (watcher != null) {
            watcher.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void a_zero_confirmation_settlement_double_spent_in_a_longer_chain_is_reversed_and_finance_is_noticed() {
        String merchantAccount =
                ChartOfAccounts.merchantBalance(rig.merchant().id()).code();
        Msat balanceBefore = merchantBalance(merchantAccount);
        // custodial: the merchant's balance is credited, so the reversal has something to take back
        RegtestInvoiceRig.InvoiceWithAddress started =
                rig.startInvoiceWithAddress(200_000L, SpeedPolicy.HIGH, Duration.ofMinutes(15));
        Invoice invoice = started.invoice();
        RegtestNetwork.SignedTransaction payment =
                net.signCoinbaseSpend(started.address().address(), 200_000);
        RegtestNetwork.SignedTransaction doubleSpend = net.signDoubleSpend(payment, net.minerAddress(), 200_000);
        send(payment);

        rig.pollUntil(watcher, invoice, i -> i.status() == InvoiceStatus.SETTLED);
        assertThat(rig.onlyPayment(invoice).confirmations())
                .as("settled at 0 confirmations")
                .isZero();
        assertThat(merchantBalance(merchantAccount)).isGreaterThan(balanceBefore);

        peer.mine(1); // a longer chain in which the payment's coin goes elsewhere
        peer.sendRawTransaction(doubleSpend.hex());
        peer.mine(1);
        assertThat(peer.mempool()).as("the double spend is mined on the peer").doesNotContain(doubleSpend.txid());
        peer.reconnect();

        Invoice reversed = rig.pollUntil(watcher, invoice, i -> i.status() == InvoiceStatus.INVALID);
        assertThat(reversed.statusReason()).isEqualTo(InvoiceRules.PAYMENT_DOUBLE_SPENT);
        assertThat(reversed.paidMsat()).isZero();
        assertThat(rig.onlyPayment(invoice).status()).isEqualTo(PaymentStatus.DROPPED);

        String settlementKey = "invoice-" + invoice.id() + "-settlement";
        List<PostedEntry> booked = entries.withSourceKeyPrefix(settlementKey);
        assertThat(booked)
                .extracting(PostedEntry::sourceKey)
                .containsExactly(settlementKey, settlementKey + "-reversal-2");
        assertThat(booked.get(1).lines())
                .as("the reversal swaps every side of the settlement")
                .allSatisfy(line -> assertThat(booked.get(0).lines()).anySatisfy(original -> {
                    assertThat(original.accountCode()).isEqualTo(line.accountCode());
                    assertThat(original.amount()).isEqualTo(line.amount());
                    assertThat(original.side()).isNotEqualTo(line.side());
                }));
        assertThat(booked.get(0).lines())
                .anySatisfy(line -> assertThat(line.side()).isEqualTo(Side.CREDIT));
        assertThat(merchantBalance(merchantAccount)).as("back to what it was").isEqualTo(balanceBefore);

        RegtestNetwork.waitFor(
                "the InvoiceInvalid event in the outbox",
                RegtestInvoiceRig.WAIT,
                () -> invoices.findEvents(invoice.id()).stream()
                        .map(InvoiceEvent::eventType)
                        .toList()
                        .contains("InvoiceInvalid"));
        assertThat(invoices.findEvents(invoice.id()))
                .extracting(InvoiceEvent::eventType)
                .endsWith("InvoiceSettled", "InvoiceInvalid");
        assertThat(notices.findByInvoice(invoice.id())).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(NoticeKind.SETTLEMENT_DOUBLE_SPENT);
            assertThat(notice.amountMsat()).isEqualTo(200_000_000L);
            assertThat(notice.message()).contains(payment.txid()).contains(settlementKey + "-reversal-2");
            assertThat(notice.mailedAt()).isNull();
        });
    }

    private static Msat merchantBalance(String code) {
        return ledger.accountBalance(code).map(AccountBalance::balanceMsat).orElse(Msat.ZERO);
    }

    /** Sends to the network's node (the one the watcher follows) and waits until it is in its mempool. */
    private static void send(RegtestNetwork.SignedTransaction tx) {
        net.bitcoinRpc().sendRawTransaction(tx.hex());
        RegtestNetwork.waitFor(
                tx.txid() + " in the mempool",
                RegtestInvoiceRig.WAIT,
                () -> rig.bitcoin().mempoolTransactionIds().contains(tx.txid()));
    }
}
