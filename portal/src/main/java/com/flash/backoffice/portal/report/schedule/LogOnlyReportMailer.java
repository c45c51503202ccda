package com.flash.backoffice.portal.report.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Development without an SMTP server: says what it would have sent, and that it did not. */
final class LogOnlyReportMailer implements ReportMailer {

    private static final Logger log = LoggerFactory.getLogger(LogOnlyReportMailer.class);

    LogOnlyReportMailer() {
        log.warn("No SMTP server configured (FLASH_SMTP_HOST): scheduled report e-mails are only written to the log");
    }

    @Override
    public void send(ReportMail mail) {
        try {
            log.warn(
                    "NOT SENT (no SMTP server configured): report mail to {}, subject '{}', attachment {} ({} bytes)",
                    mail.recipients(),
                    mail.subject(),
                    mail.attachmentName(),
                    Files.size(mail.attachment()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean delivers() {
        return false;
    }
}
