package com.flash.backoffice.db.reportschedule;

/** What happened to one period of a schedule. */
public enum RunStatus {
    /** The report was e-mailed to every recipient; a period in this state is never sent again. */
    SENT,
    /** Development without an SMTP server: the mail was written to the log instead; never sent again either. */
    LOGGED,
    /** Export or delivery failed; {@code error} says why. A later attempt may still send it. */
    FAILED,
    /** The schedule was cancelled before the period was sent. */
    SKIPPED,
    /**
     * Recorded before the mail is handed to the SMTP server: an attempt that ends here (a crash) may or may not have
     * sent it; the retry sends it again under the same Message-ID.
     */
    SENDING
}
