package com.flash.backoffice.reports.invoices;

import com.flash.backoffice.reports.export.ReportColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.jooq.Cursor;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * One text column {@code metadata.<dotted key>} per key found in the period's invoice metadata, in key order, found
 * by a first pass that streams only the metadata column. Past {@value #MAX_COLUMNS} keys, the remaining ones go
 * together into one column {@value #OTHER} as {@code key=value} lines, so an odd store cannot make a sheet
 * thousands of columns wide. The values of one row are parsed once and shared by its columns.
 */
final class MetadataColumns {

    static final int MAX_COLUMNS = 100;
    static final String PREFIX = "metadata.";
    static final String OTHER = "metadata (other keys)";

    private final String metadataColumn;
    private Record parsedRow;
    private Map<String, String> parsed = Map.of();

    private MetadataColumns(String metadataColumn) {
        this.metadataColumn = metadataColumn;
    }

    /** The columns for the metadata of every row of {@code metadataOnly} (a query selecting that one column). */
    static List<ReportColumn> discover(ResultQuery<? extends Record> metadataOnly, String metadataColumn) {
        Set<String> keys = new TreeSet<>();
        try (Cursor<? extends Record> cursor = metadataOnly.fetchSize(5_000).fetchLazy()) {
            for (Record row = cursor.fetchNext(); row != null; row = cursor.fetchNext()) {
                keys.addAll(MetadataFlattener.flatten(row.get(0, String.class)).keySet());
            }
        }
        MetadataColumns values = new MetadataColumns(metadataColumn);
        List<ReportColumn> columns = new ArrayList<>();
        List<String> named = keys.stream().limit(MAX_COLUMNS).toList();
        for (String key : named) {
            columns.add(ReportColumn.text(PREFIX + key, PREFIX + key)
                    .computedBy(row -> values.of(row).get(key)));
        }
        if (keys.size() > MAX_COLUMNS) {
            Set<String> shown = Set.copyOf(named);
            columns.add(ReportColumn.text(OTHER, OTHER).computedBy(row -> values.others(row, shown)));
        }
        return columns;
    }

    private Map<String, String> of(Record row) {
        if (row != parsedRow) {
            parsed = MetadataFlattener.flatten(row.get(metadataColumn, String.class));
            parsedRow = row;
        }
        return parsed;
    }

    private String others(Record row, Set<String> shown) {
        StringJoiner lines = new StringJoiner("\n");
        of(row).forEach((key, value) -> {
            if (!shown.contains(key)) {
                lines.add(key + "=" + value);
            }
        });
        return lines.length() == 0 ? null : lines.toString();
    }
}
