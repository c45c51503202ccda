package com.flash.backoffice.portal.report.schedule;

import java.time.Instant;
import java.util.List;

/** The audit log's record of one scheduled export. */
record ScheduledExport(
        String report,
        String format,
        String merchantId,
        Instant periodFrom,
        Instant periodTo,
        long rows,
        List<String> recipients,
        boolean emailed) {}
