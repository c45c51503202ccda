package com.flash.backoffice.portal.suspense.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.suspense.SuspenseSeed;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.suspense.AfterMonitoringReceipts;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@PortalSpringTest
class SuspenseViewIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    AfterMonitoringReceipts afterMonitoring;

    @Autowired
    SuspenseReceiptRepository receipts;

    @Autowired
    LedgerRepository ledger;

    SuspenseSeed seed;
    Merchant merchant;

    @BeforeEach
    void setUp() {
        seed = new SuspenseSeed(merchants, invoices, afterMonitoring);
        merchant = seed.merchant();
    }

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void the_view_lists_open_receipts_under_the_suspense_balance_which_equals_their_custodial_sum() {
        SuspenseReceipt custodial = seed.lightningAfterMonitoring(merchant, 12_345_000L);
        SuspenseReceipt note = seed.onChainNote(merchant, 7_000_000L);
        KaribuSpring.openAs(context, "support", Role.SUPPORT);

        UI.getCurrent().navigate("suspense");

        Msat balance = ledger.accountBalance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code())
                .orElseThrow()
                .balanceMsat();
        assertThat(_get(Span.class, spec -> spec.withId("suspense-balance")).getText())
                .contains(balance.toBtcString() + " BTC");
        assertThat(_get(Span.class, spec -> spec.withId("suspense-open-custodial"))
                        .getText())
                .contains(balance.toBtcString() + " BTC");
        assertThat(_find(Span.class, spec -> spec.withId("suspense-mismatch")))
                .as("the mismatch warning is hidden")
                .isEmpty();
        List<SuspenseReceipt> rows = rows();
        assertThat(rows).extracting(SuspenseReceipt::id).contains(custodial.id(), note.id());
        Grid<SuspenseReceipt> grid = grid();
        SuspenseReceipt row = rows.stream()
                .filter(item -> item.id() == custodial.id())
                .findFirst()
                .orElseThrow();
        assertThat(GridKt._getFormattedRow(grid, row))
                .contains("AFTER_MONITORING", "Custodial", "BTC_LN", "0.00012345", merchant.id());
        assertThat(grid.getColumnByKey("action")).as("SUPPORT reads only").isNull();
    }

    @Test
    void finance_allocates_a_receipt_from_the_view_and_bad_input_is_a_field_message() {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 10_000_000L);
        KaribuSpring.openAs(context, "finance", Role.FINANCE);
        UI.getCurrent().navigate("suspense");

        _click(actionOf(receipt));
        assertThat(_find(Dialog.class)).hasSize(1);
        _setValue(_get(BigDecimalField.class, spec -> spec.withId("allocate-amount")), new BigDecimal("0.0002"));
        _setValue(_get(TextArea.class, spec -> spec.withId("allocate-reason")), "order 42 paid late");
        _click(_get(Button.class, spec -> spec.withId("allocate-save")));
        assertThat(_get(BigDecimalField.class, spec -> spec.withId("allocate-amount"))
                        .getErrorMessage())
                .isEqualTo("More than the receipt's open amount.");
        assertThat(receipts.findById(receipt.id()).orElseThrow().resolvedMsat()).isZero();

        _setValue(_get(BigDecimalField.class, spec -> spec.withId("allocate-amount")), new BigDecimal("0.00004"));
        _click(_get(Button.class, spec -> spec.withId("allocate-save")));

        assertThat(_find(Dialog.class)).isEmpty();
        SuspenseReceipt after = receipts.findById(receipt.id()).orElseThrow();
        assertThat(after.resolvedMsat()).isEqualTo(4_000_000L);
        assertThat(rows()).contains(after);
    }

    @Test
    void finance_acknowledges_a_note_which_leaves_the_list() {
        SuspenseReceipt note = seed.onChainNote(merchant, 3_000_000L);
        KaribuSpring.openAs(context, "finance", Role.FINANCE);
        UI.getCurrent().navigate("suspense");

        _click(actionOf(note));
        _click(_get(Button.class, spec -> spec.withId("acknowledge-save")));
        assertThat(_get(TextArea.class, spec -> spec.withId("acknowledge-reason"))
                        .isInvalid())
                .isTrue();
        _setValue(_get(TextArea.class, spec -> spec.withId("acknowledge-reason")), "merchant saw it in their wallet");
        _click(_get(Button.class, spec -> spec.withId("acknowledge-save")));

        assertThat(receipts.findById(note.id()).orElseThrow().openMsat()).isZero();
        assertThat(rows()).extracting(SuspenseReceipt::id).doesNotContain(note.id());
    }

    private Button actionOf(SuspenseReceipt receipt) {
        Grid<SuspenseReceipt> grid = grid();
        List<SuspenseReceipt> rows = rows();
        int row = rows.stream().map(SuspenseReceipt::id).toList().indexOf(receipt.id());
        assertThat(row).isNotNegative();
        return (Button) GridKt._getCellComponent(grid, row, "action");
    }

    @SuppressWarnings("unchecked")
    private static Grid<SuspenseReceipt> grid() {
        return _get(Grid.class, spec -> spec.withId("suspense-receipts"));
    }

    private static List<SuspenseReceipt> rows() {
        return grid().getListDataView().getItems().toList();
    }
}
