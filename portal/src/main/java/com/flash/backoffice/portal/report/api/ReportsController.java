package com.flash.backoffice.portal.report.api;

import com.flash.backoffice.portal.api.GreenfieldApi;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/reports/{name}?from&to&format[&storeId]}: the report as a file download. Every check runs
 * before the first byte, so a refusal is a JSON error body; the export then streams into the response.
 */
@GreenfieldApi
@RestController
@RequestMapping("/api/v1/reports")
class ReportsController {

    private final ReportApiService reports;

    ReportsController(ReportApiService reports) {
        this.reports = reports;
    }

    @GetMapping("/{name}")
    void export(
            @PathVariable String name,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) String storeId,
            HttpServletResponse response) {
        reports.export(name, from, to, format, storeId, download -> {
            response.setContentType(download.format().contentType());
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                            .filename(download.fileName()) // ASCII by construction: report, times, store id
                            .build()
                            .toString());
            return response.getOutputStream();
        });
    }
}
