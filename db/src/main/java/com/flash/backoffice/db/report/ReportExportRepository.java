package com.flash.backoffice.db.report;

import static com.flash.backoffice.db.jooq.Tables.REPORT_EXPORT;

import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/**
 * Background report exports. Every state change is conditional on the current status, so a retried activity
 * or a late progress update never moves a finished export back, and completion happens exactly once.
 */
@Repository
public class ReportExportRepository {

    static final int MAX_ERROR_LENGTH = 1000;

    private final DSLContext ctx;

    public ReportExportRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    public ReportExport create(NewReportExport export) {
        String id = RandomIds.newId();
        ctx.insertInto(REPORT_EXPORT)
                .set(REPORT_EXPORT.ID, id)
                .set(REPORT_EXPORT.REPORT, export.report())
                .set(REPORT_EXPORT.PERIOD_FROM, UtcTimestamps.toDb(export.from()))
                .set(REPORT_EXPORT.PERIOD_TO, UtcTimestamps.toDb(export.to()))
                .set(REPORT_EXPORT.MERCHANT_ID, export.merchantId())
                .set(REPORT_EXPORT.FORMAT, export.format())
                .set(REPORT_EXPORT.REQUESTED_BY, export.requestedBy())
                .set(REPORT_EXPORT.STATUS, ReportExportStatus.QUEUED.name())
                .set(REPORT_EXPORT.ROWS_WRITTEN, 0L)
                .set(REPORT_EXPORT.CREATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .execute();
        return findById(id).orElseThrow();
    }

    public Optional<ReportExport> findById(String id) {
        return ctx.selectFrom(REPORT_EXPORT)
                .where(REPORT_EXPORT.ID.eq(id))
                .fetchOptional(ReportExportRepository::toExport);
    }

    /** Newest first. */
    public List<ReportExport> recent(int offset, int limit) {
        return ctx.selectFrom(REPORT_EXPORT)
                .orderBy(REPORT_EXPORT.CREATED_AT.desc(), REPORT_EXPORT.ID)
                .offset(offset)
                .limit(limit)
                .fetch(ReportExportRepository::toExport);
    }

    public int count() {
        return ctx.fetchCount(REPORT_EXPORT);
    }

    /** Starts (or restarts, on a retry) an unfinished export; false when it is finished already. */
    public boolean start(String id, long rowsExpected) {
        return ctx.update(REPORT_EXPORT)
                        .set(REPORT_EXPORT.STATUS, ReportExportStatus.RUNNING.name())
                        .set(REPORT_EXPORT.ROWS_EXPECTED, rowsExpected)
                        .set(REPORT_EXPORT.ROWS_WRITTEN, 0L)
                        .set(REPORT_EXPORT.ERROR, (String) null)
                        .where(REPORT_EXPORT.ID.eq(id))
                        .and(REPORT_EXPORT.STATUS.in(
                                ReportExportStatus.QUEUED.name(), ReportExportStatus.RUNNING.name()))
                        .execute()
                == 1;
    }

    public void progress(String id, long rowsWritten) {
        ctx.update(REPORT_EXPORT)
                .set(REPORT_EXPORT.ROWS_WRITTEN, rowsWritten)
                .where(REPORT_EXPORT.ID.eq(id))
                .and(REPORT_EXPORT.STATUS.eq(ReportExportStatus.RUNNING.name()))
                .execute();
    }

    /** Records the outcome; true only for the call that finished the export (at most one ever does). */
    public boolean complete(String id, long rows, long bytes, String fileName, Instant finishedAt) {
        return ctx.update(REPORT_EXPORT)
                        .set(REPORT_EXPORT.STATUS, ReportExportStatus.DONE.name())
                        .set(REPORT_EXPORT.ROWS_WRITTEN, rows)
                        .set(REPORT_EXPORT.BYTES, bytes)
                        .set(REPORT_EXPORT.FILE_NAME, fileName)
                        .set(REPORT_EXPORT.FINISHED_AT, UtcTimestamps.toDb(finishedAt))
                        .where(REPORT_EXPORT.ID.eq(id))
                        .and(REPORT_EXPORT.STATUS.in(
                                ReportExportStatus.QUEUED.name(), ReportExportStatus.RUNNING.name()))
                        .execute()
                == 1;
    }

    /** Marks an unfinished export failed; true only for the call that did. */
    public boolean fail(String id, String error, Instant finishedAt) {
        String message = error == null ? "unknown error" : error;
        return ctx.update(REPORT_EXPORT)
                        .set(REPORT_EXPORT.STATUS, ReportExportStatus.FAILED.name())
                        .set(
                                REPORT_EXPORT.ERROR,
                                message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message)
                        .set(REPORT_EXPORT.FINISHED_AT, UtcTimestamps.toDb(finishedAt))
                        .where(REPORT_EXPORT.ID.eq(id))
                        .and(REPORT_EXPORT.STATUS.in(
                                ReportExportStatus.QUEUED.name(), ReportExportStatus.RUNNING.name()))
                        .execute()
                == 1;
    }

    private static ReportExport toExport(Record row) {
        return new ReportExport(
                row.get(REPORT_EXPORT.ID),
                row.get(REPORT_EXPORT.REPORT),
                UtcTimestamps.fromDb(row.get(REPORT_EXPORT.PERIOD_FROM)),
                UtcTimestamps.fromDb(row.get(REPORT_EXPORT.PERIOD_TO)),
                row.get(REPORT_EXPORT.MERCHANT_ID),
                row.get(REPORT_EXPORT.FORMAT),
                row.get(REPORT_EXPORT.REQUESTED_BY),
                ReportExportStatus.valueOf(row.get(REPORT_EXPORT.STATUS)),
                row.get(REPORT_EXPORT.ROWS_EXPECTED),
                row.get(REPORT_EXPORT.ROWS_WRITTEN),
                row.get(REPORT_EXPORT.BYTES),
                row.get(REPORT_EXPORT.FILE_NAME),
                row.get(REPORT_EXPORT.ERROR),
                UtcTimestamps.fromDb(row.get(REPORT_EXPORT.CREATED_AT)),
                UtcTimestamps.fromDb(row.get(REPORT_EXPORT.FINISHED_AT)));
    }
}
