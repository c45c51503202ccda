package com.flash.backoffice.portal.report.schedule;

/** Sends report e-mails. */
interface ReportMailer {

    /** Sends the mail; throws when the mail server refuses it or cannot be reached. */
    void send(ReportMail mail);

    /** False for the development sender that only logs. */
    boolean delivers();
}
