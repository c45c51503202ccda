package com.flash.backoffice.reports.export;

/**
 * How a column's value is written: as text in CSV (from the database value) and as a typed cell in XLSX
 * (amounts and numbers as numeric cells, the rest as text).
 */
public enum ColumnFormat {
    /** As is; a number value is a numeric cell in XLSX. */
    TEXT,
    /** A {@code long} of millisatoshis, written as exact BTC (8 decimals, up to 11 with msat). */
    BTC_FROM_MSAT,
    /** A decimal written in plain notation without trailing zeros beyond 2 decimals. */
    DECIMAL,
    /** A UTC timestamp, written as ISO-8601 with a Z. */
    TIMESTAMP
}
