package com.flash.backoffice.portal.report.schedule;

import java.nio.file.Path;
import java.util.List;

/** One e-mail with one report attached (read from {@code attachment} while sending). */
record ReportMail(
        List<String> recipients,
        String subject,
        String text,
        String attachmentName,
        String attachmentContentType,
        Path attachment) {

    ReportMail {
        recipients = List.copyOf(recipients);
    }
}
