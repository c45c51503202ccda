package com.flash.backoffice.db.report;

/** A background export's life: queued by the portal, running in its workflow, then done or failed. */
public enum ReportExportStatus {
    QUEUED,
    RUNNING,
    DONE,
    FAILED;

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
