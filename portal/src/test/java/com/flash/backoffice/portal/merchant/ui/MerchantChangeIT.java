package com.flash.backoffice.portal.merchant.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.merchant.GuardedSettings;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantChange;
import com.flash.backoffice.db.merchant.MerchantChangeRepository;
import com.flash.backoffice.db.merchant.MerchantChangeStatus;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.portal.approval.ApprovalService;
import com.flash.backoffice.portal.approval.DecisionResult;
import com.flash.backoffice.portal.approval.DecisionStatus;
import com.flash.backoffice.portal.approval.InboxItem;
import com.flash.backoffice.portal.merchant.MerchantDraft;
import com.flash.backoffice.portal.merchant.MerchantField;
import com.flash.backoffice.portal.merchant.MerchantSaveResult;
import com.flash.backoffice.portal.merchant.MerchantService;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.approval.ApprovalKind;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.flash.backoffice.workflows.merchant.MerchantChangeWorkflow;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The two-person rule for a merchant's watch-only key, payout destination and custody, through the service and the
 * merchant page with the real workflow: one ADMIN asks, nothing changes, someone else (ADMIN or FINANCE) approves in
 * the inbox, then it applies; the requester cannot approve their own change, and a second change waits for the first.
 */
@PortalSpringTest
class MerchantChangeIT {

    static final String DESTINATION = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu";
    static final String OTHER_DESTINATION = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

    @Autowired
    ApplicationContext context;

    @Autowired
    MerchantService merchantService;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    MerchantChangeRepository changes;

    @Autowired
    ApprovalService approvals;

    @Autowired
    AuditLogRepository auditLog;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void a_destination_change_waits_for_a_second_admin_while_the_other_fields_save_at_once() {
        Merchant merchant = merchantWithDestination(DESTINATION);

        MerchantSaveResult result = merchantService.update(
                merchant.id(), merchant.revision(), draft(merchant, OTHER_DESTINATION, new BigDecimal("0.50")));

        assertThat(result).isInstanceOf(MerchantSaveResult.AwaitingApproval.class);
        var waiting = (MerchantSaveResult.AwaitingApproval) result;
        assertThat(waiting.guardedChanges()).containsExactly(GuardedSettings.PAYOUT_DESTINATION);
        assertThat(waiting.approvers()).isEqualTo("ADMIN or FINANCE");
        Merchant now = merchants.findById(merchant.id()).orElseThrow();
        assertThat(now.processingFeePct()).isEqualByComparingTo("0.50");
        assertThat(now.payoutDestination()).as("unchanged until approved").isEqualTo(DESTINATION);
        MerchantChange change = awaitPending(merchant);
        assertThat(change.requestedBy()).isEqualTo("ada");
        assertThat(change.after().payoutDestination()).isEqualTo(OTHER_DESTINATION);
        String subject = MerchantChangeWorkflow.subjectId(change.id());
        InboxItem item = awaitInbox(subject);
        assertThat(item.kind()).isEqualTo(ApprovalKind.MERCHANT_KEY_CHANGE);
        assertThat(item.merchantName()).isEqualTo(merchant.name());
        assertThat(item.summary()).isEqualTo("Change of payout destination: payouts to " + OTHER_DESTINATION);

        DecisionResult own = approvals.decide(subject, item.revision(), ApprovalVerdict.APPROVE, null);
        assertThat(own.status()).isEqualTo(DecisionStatus.REFUSED);
        assertThat(own.message()).isEqualTo("You requested this, so someone else must decide it.");
        KaribuSpring.openAs(context, "sue", Role.SUPPORT);
        assertThat(approvals
                        .decide(subject, item.revision(), ApprovalVerdict.APPROVE, null)
                        .message())
                .isEqualTo("Only ADMIN or FINANCE can decide this request.");
        assertThat(merchants.findById(merchant.id()).orElseThrow().payoutDestination())
                .isEqualTo(DESTINATION);

        KaribuSpring.openAs(context, "bob", Role.ADMIN);
        DecisionResult approved = approvals.decide(subject, item.revision(), ApprovalVerdict.APPROVE, null);

        assertThat(approved.status()).isEqualTo(DecisionStatus.DECIDED);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> changes.find(change.id()).orElseThrow().status() == MerchantChangeStatus.APPLIED);
        assertThat(merchants.findById(merchant.id()).orElseThrow().payoutDestination())
                .isEqualTo(OTHER_DESTINATION);
        assertThat(auditLog.find(AuditQuery.all(0, 10_000)).stream()
                        .filter(entry -> merchant.id().equals(entry.targetId()))
                        .map(entry -> entry.actor() + " " + entry.action()))
                .contains(
                        "ada merchant.update",
                        "ada merchant.change.request",
                        "system:merchant-change merchant.change.apply");
    }

    @Test
    void finance_approves_a_custody_change_and_a_second_change_must_wait_for_the_first() {
        Merchant merchant = merchantWithDestination(DESTINATION);
        MerchantSaveResult asked = merchantService.update(
                merchant.id(),
                merchant.revision(),
                draft(merchant, DESTINATION, merchant.processingFeePct())
                        .withDerivationScheme("")
                        .withOnchainCustody(OnchainCustody.FLASH_WALLET));
        assertThat(((MerchantSaveResult.AwaitingApproval) asked).guardedChanges())
                .containsExactly(GuardedSettings.WATCH_ONLY_KEY, GuardedSettings.CUSTODY);
        MerchantChange change = awaitPending(merchant);
        Merchant now = merchants.findById(merchant.id()).orElseThrow();
        assertThat(now.onchainCustody()).isEqualTo(OnchainCustody.MERCHANT_WALLET);
        assertThat(now.revision()).as("nothing else changed, nothing written").isEqualTo(merchant.revision());

        MerchantSaveResult second = merchantService.update(
                merchant.id(), now.revision(), draft(now, OTHER_DESTINATION, now.processingFeePct()));
        assertThat(second).isInstanceOf(MerchantSaveResult.Invalid.class);
        assertThat(((MerchantSaveResult.Invalid) second).validation().errors())
                .containsOnlyKeys(MerchantField.PAYOUT_DESTINATION);
        assertThat(merchants.findById(merchant.id()).orElseThrow().payoutDestination())
                .isEqualTo(DESTINATION);
        MerchantSaveResult feeOnly =
                merchantService.update(merchant.id(), now.revision(), draft(now, DESTINATION, new BigDecimal("0.25")));
        assertThat(feeOnly).as("other fields stay editable").isInstanceOf(MerchantSaveResult.Saved.class);

        KaribuSpring.openAs(context, "fay", Role.FINANCE);
        String subject = MerchantChangeWorkflow.subjectId(change.id());
        InboxItem item = awaitInbox(subject);
        assertThat(approvals
                        .decide(subject, item.revision(), ApprovalVerdict.APPROVE, null)
                        .status())
                .isEqualTo(DecisionStatus.DECIDED);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> merchants.findById(merchant.id()).orElseThrow().onchainCustody()
                        == OnchainCustody.FLASH_WALLET);
        assertThat(merchants.findById(merchant.id()).orElseThrow().processingFeePct())
                .isEqualByComparingTo("0.25");
    }

    @Test
    void the_merchant_page_shows_the_waiting_change_and_withdraws_it() {
        Merchant merchant = merchantWithDestination(DESTINATION);
        merchantService.update(
                merchant.id(), merchant.revision(), draft(merchant, OTHER_DESTINATION, merchant.processingFeePct()));
        MerchantChange change = awaitPending(merchant);

        openEditor(merchant);
        Div banner = _get(Div.class, spec -> spec.withId("merchant-pending-change"));
        assertThat(banner.getElement().getTextRecursively())
                .contains("Waiting for approval", "payout destination", "requested by ada");
        assertThat(_get(TextField.class, spec -> spec.withId("merchant-payout-destination"))
                        .getValue())
                .as("the form shows the destination in force")
                .isEqualTo(DESTINATION);
        _click(_get(Button.class, spec -> spec.withId("merchant-withdraw-change")));

        assertThat(_find(Dialog.class)).isEmpty();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> changes.find(change.id()).orElseThrow().status() == MerchantChangeStatus.WITHDRAWN);
        assertThat(merchants.findById(merchant.id()).orElseThrow().payoutDestination())
                .isEqualTo(DESTINATION);
        assertThat(approvals.pending(MerchantChangeWorkflow.subjectId(change.id())))
                .isEmpty();
    }

    @Test
    void the_editor_saves_a_key_change_for_approval_and_says_so() {
        Merchant merchant = merchantWithDestination(DESTINATION);
        openEditor(merchant);

        _setValue(_get(TextField.class, spec -> spec.withId("merchant-payout-destination")), OTHER_DESTINATION);
        _setValue(_get(BigDecimalField.class, spec -> spec.withId("merchant-fee")), new BigDecimal("0.90"));
        _click(_get(Button.class, spec -> spec.withId("save-merchant")));

        assertThat(_find(Dialog.class)).isEmpty();
        assertThat(awaitPending(merchant).after().payoutDestination()).isEqualTo(OTHER_DESTINATION);
        Merchant now = merchants.findById(merchant.id()).orElseThrow();
        assertThat(now.payoutDestination()).isEqualTo(DESTINATION);
        assertThat(now.processingFeePct()).isEqualByComparingTo("0.90");
    }

    /** A merchant with a watch-only key and a destination, created by ADMIN ada (creating is not changing). */
    private Merchant merchantWithDestination(String destination) {
        KaribuSpring.openAs(context, "ada", Role.ADMIN);
        MerchantDraft defaults = MerchantDraft.defaults().withName("Guarded " + UUID.randomUUID());
        MerchantDraft draft = new MerchantDraft(
                defaults.name(),
                defaults.defaultCurrency(),
                MerchantFormIT.BIP84_ZPUB,
                defaults.lightningConnection(),
                defaults.speedPolicy(),
                defaults.invoiceExpiryMinutes(),
                defaults.monitoringMinutes(),
                defaults.paymentTolerancePct(),
                defaults.processingFeePct(),
                destination,
                defaults.payoutSchedule(),
                OnchainCustody.MERCHANT_WALLET);
        MerchantSaveResult created = merchantService.create(draft);
        assertThat(created).isInstanceOf(MerchantSaveResult.Saved.class);
        return ((MerchantSaveResult.Saved) created).merchant();
    }

    private static MerchantDraft draft(Merchant merchant, String destination, BigDecimal feePct) {
        return new MerchantDraft(
                merchant.name(),
                merchant.defaultCurrency(),
                merchant.derivationScheme(),
                merchant.lightningConnection(),
                merchant.speedPolicy(),
                merchant.invoiceExpiryMinutes(),
                merchant.monitoringMinutes(),
                merchant.paymentTolerancePct(),
                feePct,
                destination,
                merchant.payoutSchedule(),
                merchant.onchainCustody());
    }

    private void openEditor(Merchant merchant) {
        UI.getCurrent().navigate("merchants");
        _setValue(_get(TextField.class, spec -> spec.withId("merchant-filter")), merchant.name());
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<Merchant> grid =
                _get(com.vaadin.flow.component.grid.Grid.class, spec -> spec.withId("merchant-grid"));
        com.github.mvysny.kaributesting.v10.GridKt._clickItem(grid, 0, 1, false, false, false, false);
    }

    private MerchantChange awaitPending(Merchant merchant) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> changes.pending(merchant.id()).isPresent());
        return changes.pending(merchant.id()).orElseThrow();
    }

    private InboxItem awaitInbox(String subject) {
        // the inbox is read as the signed-in person: poll on this thread, which holds the security context
        await().atMost(Duration.ofSeconds(20))
                .pollInSameThread()
                .until(() -> approvals.pending(subject).isPresent());
        return approvals.pending(subject).orElseThrow();
    }
}
