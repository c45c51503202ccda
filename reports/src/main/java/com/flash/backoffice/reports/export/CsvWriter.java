package com.flash.backoffice.reports.export;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 output: fields separated by commas, records ended by CRLF; a field holding a comma, a double quote, a
 * CR or an LF is enclosed in double quotes, with each double quote inside doubled. Every record is padded to the
 * same number of fields.
 */
final class CsvWriter {

    private final Writer out;
    private final int width;

    CsvWriter(Writer out, int width) {
        this.out = out;
        this.width = width;
    }

    void write(String... fields) throws IOException {
        for (int i = 0; i < width; i++) {
            if (i > 0) {
                out.write(',');
            }
            if (i < fields.length && fields[i] != null) {
                writeField(fields[i]);
            }
        }
        out.write("\r\n");
    }

    private void writeField(String field) throws IOException {
        if (!needsQuotes(field)) {
            out.write(field);
            return;
        }
        out.write('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                out.write('"');
            }
            out.write(c);
        }
        out.write('"');
    }

    static boolean needsQuotes(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
