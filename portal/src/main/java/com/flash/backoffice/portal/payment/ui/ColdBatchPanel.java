package com.flash.backoffice.portal.payment.ui;

import com.flash.backoffice.portal.checkout.QrCodes;
import com.flash.backoffice.portal.payment.BatchAction;
import com.flash.backoffice.portal.payment.PaymentBatchService;
import com.flash.backoffice.workflows.payment.FundedPsbt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A cold batch waiting for its signature: the unsigned PSBT to download (file and QR), the signed upload (file or
 * pasted text) and, should the signer be gone, abandon with a reason.
 */
class ColdBatchPanel extends VerticalLayout {

    /** Above this many characters the QR is too dense for a phone camera: the file is the way. */
    static final int QR_LIMIT = 1_800;

    final TextArea pasted = new TextArea("Or paste the signed PSBT (base64) or the signed transaction (hex)");
    final Button submitPasted = new Button("Check and broadcast");
    final TextField abandonReason = new TextField("Reason");
    final Button abandon = new Button("Abandon batch");

    ColdBatchPanel(PaymentBatchService batches, long batchId, FundedPsbt funded, Runnable changed) {
        setPadding(false);
        setId("cold-batch");
        add(new Paragraph("Sign this PSBT with the treasury's hardware wallet and upload the signed PSBT. It spends "
                + funded.inputs().size() + " treasury coin" + (funded.inputs().size() == 1 ? "" : "s") + " ("
                + funded.inputSat() + " sat), pays " + funded.outputs().size() + " output"
                + (funded.outputs().size() == 1 ? "" : "s") + ", returns " + funded.changeSat()
                + " sat change to the treasury and pays " + funded.feeSat() + " sat in fees. Flash checks the signed"
                + " transaction against exactly this before it broadcasts it."));
        byte[] psbt = Base64.getDecoder().decode(funded.psbtBase64());
        Anchor download = new Anchor(
                (DownloadHandler) event -> {
                    event.setFileName("payment-batch-" + batchId + ".psbt");
                    event.setContentType("application/octet-stream");
                    try (OutputStream out = event.getOutputStream()) {
                        out.write(psbt);
                    }
                },
                "Download the unsigned PSBT");
        download.setId("psbt-download");
        download.getElement().setAttribute("download", true);
        add(download);
        if (funded.psbtBase64().length() <= QR_LIMIT) {
            Image qr = new Image(QrCodes.svgDataUri(funded.psbtBase64()), "The unsigned PSBT as a QR code");
            qr.setId("psbt-qr");
            qr.setWidth("280px");
            add(qr);
        } else {
            add(new Paragraph("The PSBT is too large for one QR code: use the file."));
        }

        UI ui = UI.getCurrent();
        Upload upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> {
            BatchAction action = batches.submitSignature(batchId, bytes);
            ui.access(() -> show(action, changed));
        }));
        upload.setId("psbt-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(1_000_000);
        upload.setDropLabel(new com.vaadin.flow.component.html.Span("Drop the signed PSBT here"));
        add(upload);

        pasted.setId("psbt-pasted");
        pasted.setWidthFull();
        submitPasted.setId("psbt-submit");
        submitPasted.addThemeVariants(ButtonVariant.PRIMARY);
        submitPasted.addClickListener(click -> {
            if (pasted.getValue().isBlank()) {
                pasted.setErrorMessage("Paste the signed PSBT or transaction first.");
                pasted.setInvalid(true);
                return;
            }
            BatchAction action =
                    batches.submitSignature(batchId, pasted.getValue().strip().getBytes(StandardCharsets.UTF_8));
            pasted.setInvalid(!action.done());
            pasted.setErrorMessage(action.done() ? null : action.message());
            show(action, changed);
        });
        add(pasted, submitPasted);

        abandonReason.setId("batch-abandon-reason");
        abandon.setId("batch-abandon");
        abandon.addThemeVariants(ButtonVariant.ERROR);
        abandon.addClickListener(click -> {
            BatchAction action = batches.abandon(batchId, abandonReason.getValue());
            abandonReason.setInvalid(!action.done());
            abandonReason.setErrorMessage(action.done() ? null : action.message());
            show(action, changed);
        });
        HorizontalLayout giveUp = new HorizontalLayout(abandonReason, abandon);
        giveUp.setAlignItems(Alignment.BASELINE);
        add(giveUp);
    }

    private static void show(BatchAction action, Runnable changed) {
        Notification.show(action.message(), 8_000, Notification.Position.MIDDLE);
        if (action.done()) {
            changed.run();
        }
    }
}
