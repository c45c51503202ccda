package com.flash.backoffice.reports.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The activation sheet read back by PDFBox: every card's slip with its own code, over as many pages as it takes. */
class ActivationSheetTest {

    @Test
    void every_card_of_the_batch_gets_a_slip_with_its_code_and_the_activation_page() throws Exception {
        List<ActivationSheet.Carrier> carriers = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> new ActivationSheet.Carrier("card" + i, "ABCD-EFGH-" + String.format("%04d", i)))
                .toList();
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();

        ActivationSheet.write("Festival 2027", "batch-7", "https://flash.example/cards/activate", carriers, pdf);

        byte[] bytes = pdf.toByteArray();
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(document.getNumberOfPages())
                    .as("twenty slips do not fit one page")
                    .isGreaterThan(1);
            assertThat(text).contains("Activation sheet: Festival 2027", "Batch batch-7, 20 cards");
            for (ActivationSheet.Carrier carrier : carriers) {
                assertThat(text).contains("Card " + carrier.cardId() + "\n", carrier.activationCode());
            }
            assertThat(text).contains("Activate it at https://flash.example/cards/activate");
        }
    }
}
