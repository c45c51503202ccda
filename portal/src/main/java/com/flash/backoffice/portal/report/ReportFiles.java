package com.flash.backoffice.portal.report;

import com.flash.backoffice.reports.export.ReportFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * The kept files of background exports: {@code <directory>/<export id>.<ext>}, written first as
 * {@code <export id>.<ext>.<attempt>.part} and moved into place when complete, so a reader never sees half a file
 * and a retried export replaces rather than adds a file.
 */
@Component
class ReportFiles {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    private final Path directory;

    ReportFiles(ReportProperties properties) {
        this.directory = properties.directory().toAbsolutePath().normalize();
    }

    Path directory() {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the reports directory " + directory, e);
        }
    }

    Path kept(String exportId, ReportFormat format) {
        return directory().resolve(exportId + "." + format.extension());
    }

    Path part(String exportId, ReportFormat format, int attempt) {
        return directory().resolve(exportId + "." + format.extension() + "." + attempt + ".part");
    }

    /** Removes the partial files an export's earlier attempts left behind. */
    void deleteParts(String exportId) {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory(), exportId + ".*.part")) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean partial files of export " + exportId, e);
        }
    }

    /** The name a download gets: report, period (UTC) and merchant, e.g. {@code journal_20261101-0000_20261201-0000.csv}. */
    static String downloadName(String report, Instant from, Instant to, String merchantId, ReportFormat format) {
        StringBuilder name = new StringBuilder(report);
        if (from != null) {
            name.append('_').append(DAY.format(from));
        }
        if (to != null) {
            name.append('_').append(DAY.format(to));
        }
        if (merchantId != null) {
            name.append('_').append(merchantId);
        }
        return name.append('.').append(format.extension()).toString();
    }
}
