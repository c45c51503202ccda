package com.flash.backoffice.reports.card;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;

/**
 * The printable activation sheet of a batch just issued: one cut-out slip per card carrier with the card's id and its
 * activation code. Rendered once, from the codes in memory: Flash keeps only their hashes, so the sheet cannot be made
 * again later.
 */
public final class ActivationSheet {

    static final String TEMPLATE = "reports/card/activation-sheet.jrxml";

    /** One carrier: the card and its code. */
    public record Carrier(String cardId, String activationCode) {

        public Carrier {
            Objects.requireNonNull(cardId, "cardId");
            Objects.requireNonNull(activationCode, "activationCode");
        }
    }

    private static volatile JasperReport compiled;

    private ActivationSheet() {}

    /**
     * Writes the PDF. {@code activationUrl} is where the holder enters the code (the portal's public activation page).
     */
    public static void write(
            String programmeName, String batchId, String activationUrl, List<Carrier> carriers, OutputStream out) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("PROGRAMME", programmeName);
        parameters.put("BATCH_ID", batchId);
        parameters.put("ACTIVATION_URL", activationUrl);
        parameters.put("CARDS", carriers.size());
        List<Map<String, ?>> rows = new ArrayList<>();
        for (Carrier carrier : carriers) {
            rows.add(Map.of("card_id", carrier.cardId(), "activation_code", carrier.activationCode()));
        }
        try {
            JasperPrint print =
                    JasperFillManager.fillReport(template(), parameters, new JRMapCollectionDataSource(rows));
            JRPdfExporter exporter = new JRPdfExporter();
            exporter.setExporterInput(new SimpleExporterInput(print));
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
            exporter.exportReport();
        } catch (JRException e) {
            throw new IllegalStateException("JasperReports failed on the activation sheet", e);
        }
    }

    static JasperReport template() {
        JasperReport template = compiled;
        if (template == null) {
            try (InputStream jrxml = ActivationSheet.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
                if (jrxml == null) {
                    throw new IllegalStateException("no template " + TEMPLATE + " on the classpath");
                }
                template = JasperCompileManager.compileReport(jrxml);
            } catch (IOException | JRException e) {
                throw new IllegalStateException("the activation sheet template does not compile", e);
            }
            compiled = template;
        }
        return template;
    }
}
