package com.flash.backoffice.portal.card.ui;

import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.portal.card.ActivationSheets;
import com.flash.backoffice.portal.card.CardService;
import com.flash.backoffice.portal.card.IssuedBatch;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.OutputStream;

/**
 * FINANCE issues a batch of cards; the activation codes are shown once, to be printed on the card carriers (Flash keeps
 * only their hashes).
 */
class BatchDialog extends Dialog {

    final ComboBox<CardProgramme> programme = new ComboBox<>("Programme");
    final IntegerField size = new IntegerField("Cards");
    final Grid<IssuedBatch.CardCode> codes = new Grid<>();

    final Anchor sheet = new Anchor();

    BatchDialog(CardService cards, ActivationSheets sheets, Runnable issued) {
        setHeaderTitle("Issue a batch of cards");
        setWidth("640px");
        programme.setId("batch-programme");
        programme.setItems(cards.programmes());
        programme.setItemLabelGenerator(CardProgramme::name);
        size.setId("batch-size");
        size.setValue(10);
        size.setMin(1);
        size.setMax(CardService.MAX_BATCH_SIZE);
        size.setHelperText("1 to " + CardService.MAX_BATCH_SIZE);
        codes.setId("batch-codes");
        codes.addColumn(IssuedBatch.CardCode::cardId).setHeader("Card").setAutoWidth(true);
        codes.addColumn(IssuedBatch.CardCode::activationCode)
                .setHeader("Activation code")
                .setAutoWidth(true);
        codes.setVisible(false);
        codes.setAllRowsVisible(true);
        Paragraph once = new Paragraph(
                "Print the activation sheet (or these codes) for the card carriers now: they are not shown again.");
        once.setVisible(false);
        sheet.setId("batch-sheet");
        sheet.setText("Download the activation sheet (PDF)");
        sheet.setVisible(false);
        add(programme, size, once, sheet, codes);
        Button issue = new Button("Issue", click -> {
            if (programme.getValue() == null) {
                programme.setErrorMessage("Choose the programme");
                programme.setInvalid(true);
                return;
            }
            Integer count = size.getValue();
            if (count == null || count < 1 || count > CardService.MAX_BATCH_SIZE) {
                size.setErrorMessage("1 to " + CardService.MAX_BATCH_SIZE + " cards");
                size.setInvalid(true);
                return;
            }
            IssuedBatch batch = cards.issueBatch(programme.getValue().id(), count);
            codes.setItems(batch.cards());
            codes.setVisible(true);
            once.setVisible(true);
            byte[] pdf = sheets.pdf(batch);
            sheet.setHref((DownloadHandler) event -> {
                event.setFileName("activation-sheet-" + batch.batchId() + ".pdf");
                event.setContentType("application/pdf");
                try (OutputStream out = event.getOutputStream()) {
                    out.write(pdf);
                }
            });
            sheet.setVisible(true);
            click.getSource().setEnabled(false);
        });
        issue.setId("batch-issue");
        issue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter()
                .add(
                        new Button("Close", click -> {
                            close();
                            issued.run();
                        }),
                        issue);
    }
}
