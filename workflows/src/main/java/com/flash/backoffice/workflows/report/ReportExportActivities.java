package com.flash.backoffice.workflows.report;

import io.temporal.activity.ActivityInterface;

/**
 * The I/O of a background export. Implemented where the report renderer lives (the portal), since this module
 * depends on the database only.
 */
@ActivityInterface
public interface ReportExportActivities {

    /**
     * Writes the export's file into the reports directory and records rows, bytes and file on its row, heartbeating
     * the rows written. Idempotent: an export that is done returns its recorded outcome; a retry of an interrupted
     * one rewrites the same file name, so there is never a second file or a second completion.
     */
    ReportExportOutcome export(String exportId);

    /** Marks the export failed (unless it finished meanwhile) and removes any partial file; idempotent. */
    ReportExportOutcome fail(String exportId, String error);
}
