package com.flash.backoffice.reports.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void fields_with_commas_quotes_or_line_breaks_are_quoted_and_quotes_doubled() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out, 5);

        csv.write("plain", "a,b", "say \"hi\"", "two\nlines", "cr\rlf");

        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rlf\"\r\n");
    }

    @Test
    void short_records_are_padded_to_the_width_and_nulls_are_empty() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out, 3);

        csv.write("a", null);

        assertThat(out.toString()).isEqualTo("a,,\r\n");
    }
}
