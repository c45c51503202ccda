package com.flash.backoffice.portal.report.schedule;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One e-mail with one report attached (read from {@code attachment} while sending). {@code stableId} is the same for
 * every attempt at the same mail (schedule and period): the local part of its Message-ID, so that a mail sent again
 * after a failure is recognisably the same message.
 */
record ReportMail(
        String stableId,
        List<String> recipients,
        String subject,
        String text,
        String attachmentName,
        String attachmentContentType,
        Path attachment) {

    ReportMail {
        Objects.requireNonNull(stableId, "stableId");
        recipients = List.copyOf(recipients);
    }
}
