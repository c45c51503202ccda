package com.flash.backoffice.portal.report;

import com.flash.backoffice.db.report.ReportExport;
import java.util.Optional;

/** A background export as listed: its row, and its file while one is kept. */
public record ExportListing(ReportExport export, Optional<KeptFile> keptFile) {}
