-- Report exports run in the background (Temporal workflow report-export-<id>): what was asked, by whom, how far
-- the export got and where its file is kept for download. The period is [period_from, period_to) in UTC.
CREATE TABLE report_export (
    id              VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    report          VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    period_from     TIMESTAMP(6) NULL,
    period_to       TIMESTAMP(6) NULL,
    merchant_id     VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
    format          VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    requested_by    VARCHAR(100) NOT NULL,
    status          VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    rows_expected   BIGINT NULL,
    rows_written    BIGINT NOT NULL DEFAULT 0,
    bytes           BIGINT NULL,
    file_name       VARCHAR(200) NULL,
    error           VARCHAR(1000) NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    finished_at     TIMESTAMP(6) NULL,
    CONSTRAINT pk_report_export PRIMARY KEY (id),
    CONSTRAINT ck_report_export_status CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    CONSTRAINT ck_report_export_format CHECK (format IN ('CSV', 'XLSX', 'PDF')),
    CONSTRAINT ck_report_export_rows CHECK (rows_written >= 0 AND (rows_expected IS NULL OR rows_expected >= 0)),
    CONSTRAINT ck_report_export_period CHECK (period_from IS NULL OR period_to IS NULL OR period_from < period_to)
);

CREATE INDEX ix_report_export_created_at ON report_export (created_at);
