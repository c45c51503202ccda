package com.flash.backoffice.portal.payment.ui;

import static com.flash.backoffice.db.jooq.Tables.PAYMENT_BATCH;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.jooq.enums.PaymentBatchCustody;
import com.flash.backoffice.db.jooq.enums.PaymentBatchStatus;
import com.flash.backoffice.db.payment.BatchStatus;
import com.flash.backoffice.db.payment.PaymentBatchRepository;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.payment.FundedPsbt;
import com.flash.backoffice.workflows.payment.FundingRecords;
import com.flash.backoffice.workflows.payment.LockedInput;
import com.flash.backoffice.workflows.payment.OnchainOutput;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A cold batch waiting for its signature on the On-chain batches page: FINANCE gets the PSBT as a file and a QR code
 * and the upload; bad input gets a field message and changes nothing; others never see the PSBT. (The round trip
 * with a real signer and btcd is ColdTreasuryRegtestIT's.)
 */
@PortalSpringTest
class ColdBatchPanelIT {

    private static final String PSBT = "cHNidP8BAHECAAAAAf//////////////////////////////////////////AAAAAAD9////AkBC"
            + "DwAAAAAAFgAU////////////////////////////AAAAAAAAAAAWABT//////////////////////////wAAAAAAAAAA";

    @Autowired
    ApplicationContext context;

    @Autowired
    DSLContext dsl;

    @Autowired
    PaymentBatchRepository batches;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void finance_gets_the_unsigned_psbt_as_a_file_and_a_qr_code_and_bad_uploads_get_a_field_message() {
        long batchId = waitingColdBatch();
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);

        UI.getCurrent().navigate("payment-batches/" + batchId);

        assertThat(_get(Anchor.class, spec -> spec.withId("psbt-download")).getText())
                .isEqualTo("Download the unsigned PSBT");
        assertThat(_get(Image.class, spec -> spec.withId("psbt-qr")).getSrc()).startsWith("data:image/svg+xml");
        _click(_get(Button.class, spec -> spec.withId("psbt-submit")));
        TextArea pasted = _get(TextArea.class, spec -> spec.withId("psbt-pasted"));
        assertThat(pasted.isInvalid()).isTrue();
        assertThat(pasted.getErrorMessage()).isEqualTo("Paste the signed PSBT or transaction first.");

        _click(_get(Button.class, spec -> spec.withId("batch-abandon")));
        TextField reason = _get(TextField.class, spec -> spec.withId("batch-abandon-reason"));
        assertThat(reason.getErrorMessage()).isEqualTo("Say why the batch is abandoned.");

        _setValue(pasted, "cHNidP8=");
        _click(_get(Button.class, spec -> spec.withId("psbt-submit")));
        assertThat(pasted.getErrorMessage())
                .as("this batch has no workflow waiting (inserted by the test): refused, nothing changes")
                .contains("is not waiting for anything any more");
        assertThat(batches.find(batchId).orElseThrow().status()).isEqualTo(BatchStatus.AWAITING_SIGNATURE);
    }

    @Test
    void an_accountant_sees_the_batch_but_never_its_psbt() {
        long batchId = waitingColdBatch();
        KaribuSpring.openAs(context, "alex", Role.ACCOUNTANT);

        UI.getCurrent().navigate("payment-batches/" + batchId);

        assertThat(_find(Anchor.class, spec -> spec.withId("psbt-download"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("psbt-submit"))).isEmpty();
    }

    /** A batch row of its own, with no payments, so no batcher of the suite's contexts gathers anything into it. */
    private long waitingColdBatch() {
        FundedPsbt funded = new FundedPsbt(
                "payment-batch-test",
                PSBT,
                List.of(new LockedInput("11".repeat(32), 0, 2_000_000, "0014" + "ff".repeat(20))),
                List.of(new OnchainOutput("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", 1_000_000)),
                1,
                998_590,
                1_410);
        return dsl.insertInto(PAYMENT_BATCH)
                .set(PAYMENT_BATCH.RUN_KEY, "cold-view-" + UUID.randomUUID())
                .set(PAYMENT_BATCH.CUSTODY, PaymentBatchCustody.COLD)
                .set(PAYMENT_BATCH.STATUS, PaymentBatchStatus.AWAITING_SIGNATURE)
                .set(PAYMENT_BATCH.TARGET_CONF, 6)
                .set(PAYMENT_BATCH.FUNDING, FundingRecords.write(funded))
                .set(PAYMENT_BATCH.CREATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .set(PAYMENT_BATCH.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .returningResult(PAYMENT_BATCH.BATCH_ID)
                .fetchOne()
                .value1();
    }
}
