package com.flash.backoffice.db.testsupport;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * Records the SQL a repository runs (with inlined values) and reads how MariaDB executed it with {@code ANALYZE},
 * so a test can assert on the real plan: which index each table was read with and how many rows it read.
 *
 * <pre>{@code
 * QueryPlans plans = new QueryPlans(dataSource);
 * new InvoiceRepository(plans.recordingDsl()).find(query);
 * for (QueryPlans.Step step : plans.analyzeLast()) { ... }
 * }</pre>
 */
public final class QueryPlans {

    /**
     * One line of MariaDB's ANALYZE output: {@code estimatedRows} is the optimizer's estimate of the rows the step
     * reads, {@code rowsRead} (r_rows) the rows it actually passed on per loop; under a sort with a LIMIT that is
     * the rows kept, not the rows sorted, so a sort is judged by the estimate.
     */
    public record Step(String table, String type, String key, long estimatedRows, double rowsRead, String extra) {

        public boolean filesort() {
            return extra != null && extra.contains("Using filesort");
        }

        @Override
        public String toString() {
            return table + " type=" + type + " key=" + key + " rows=" + estimatedRows + " r_rows=" + rowsRead
                    + " extra=" + extra;
        }
    }

    private final DSLContext dsl;
    private final DSLContext recording;
    private final List<String> statements = new ArrayList<>();

    public QueryPlans(DataSource dataSource) {
        this.dsl = DSL.using(dataSource, SQLDialect.MARIADB);
        this.recording = DSL.using(new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.MARIADB)
                .set(new Settings().withStatementType(StatementType.STATIC_STATEMENT))
                .set(new DefaultExecuteListenerProvider(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        statements.add(ctx.sql());
                    }
                })));
    }

    /** A DSLContext that records every statement it runs; give it to the repository under test. */
    public DSLContext recordingDsl() {
        return recording;
    }

    /** The last statement recorded. */
    public String lastStatement() {
        if (statements.isEmpty()) {
            throw new IllegalStateException("no statement recorded yet");
        }
        return statements.getLast();
    }

    /** Runs {@code ANALYZE} on the last statement recorded and returns its steps. */
    public List<Step> analyzeLast() {
        List<Step> steps = new ArrayList<>();
        for (Record row : dsl.fetch("ANALYZE " + lastStatement())) {
            Object rowsRead = row.get("r_rows");
            Object estimatedRows = row.get("rows");
            steps.add(new Step(
                    row.get("table", String.class),
                    row.get("type", String.class),
                    row.get("key", String.class),
                    estimatedRows == null ? 0 : Long.parseLong(estimatedRows.toString()),
                    rowsRead == null ? 0 : Double.parseDouble(rowsRead.toString()),
                    row.get("Extra", String.class)));
        }
        return steps;
    }
}
