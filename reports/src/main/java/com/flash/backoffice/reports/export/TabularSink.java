package com.flash.backoffice.reports.export;

import java.io.IOException;
import java.util.List;

/** One of the row-by-row outputs (CSV, XLSX): records written in order, straight from the cursor. */
interface TabularSink extends AutoCloseable {

    /** A record of text fields: the title, criteria and header lines, the empty-period message. */
    void text(String... fields) throws IOException;

    /** The column header record; an XLSX sheet started after a split repeats it. */
    void header(List<ReportColumn> columns) throws IOException;

    /** One data row: {@code values[i]} is the database (or computed) value of {@code columns[i]}. */
    void row(Object[] values) throws IOException;

    /** One {@code Total} record. */
    void total(ReportTotals.Line total) throws IOException;

    /** Completes the output (flushes; writes the XLSX package). */
    void finish() throws IOException;

    /** Frees what the sink holds (the XLSX temporary files), whether or not it finished; never closes the stream. */
    @Override
    default void close() {}
}
