-- Scheduled reports: an accountant asks for a report every day, week or month, e-mailed to a list of recipients.
-- Each schedule is run by its own Temporal workflow (report-schedule-<id>); cancelled schedules are kept.
CREATE TABLE report_schedule (
    id           VARCHAR(32)   NOT NULL,
    report       VARCHAR(64)   NOT NULL,
    merchant_id  VARCHAR(32)   NULL,
    format       ENUM('PDF', 'XLSX', 'CSV') NOT NULL,
    frequency    ENUM('DAILY', 'WEEKLY', 'MONTHLY') NOT NULL,
    recipients   VARCHAR(6000) NOT NULL,
    time_zone    VARCHAR(64)   NOT NULL,
    created_by   VARCHAR(100)  NOT NULL,
    created_at   TIMESTAMP(6)  NOT NULL,
    cancelled_at TIMESTAMP(6)  NULL DEFAULT NULL,
    cancelled_by VARCHAR(100)  NULL,
    revision     INT           NOT NULL DEFAULT 0,
    CONSTRAINT pk_report_schedule PRIMARY KEY (id),
    CONSTRAINT fk_report_schedule_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id),
    CONSTRAINT ck_report_schedule_cancelled CHECK ((cancelled_at IS NULL AND cancelled_by IS NULL)
        OR (cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL))
);

CREATE INDEX ix_report_schedule_created ON report_schedule (created_at, id);

-- One row per schedule and period: the unique key is what keeps a period from being mailed twice.
-- period_from inclusive, period_to exclusive, both UTC. LOGGED: no SMTP server configured (development), the mail
-- went to the log only.
CREATE TABLE report_schedule_run (
    id           BIGINT AUTO_INCREMENT NOT NULL,
    schedule_id  VARCHAR(32)   NOT NULL,
    period_from  TIMESTAMP(6)  NOT NULL,
    period_to    TIMESTAMP(6)  NOT NULL,
    status       ENUM('SENT', 'LOGGED', 'FAILED', 'SKIPPED') NOT NULL,
    row_count    BIGINT        NULL,
    sent_at      TIMESTAMP(6)  NULL DEFAULT NULL,
    error        VARCHAR(1000) NULL,
    updated_at   TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_report_schedule_run PRIMARY KEY (id),
    CONSTRAINT uq_report_schedule_run_period UNIQUE (schedule_id, period_from, period_to),
    CONSTRAINT fk_report_schedule_run_schedule FOREIGN KEY (schedule_id) REFERENCES report_schedule (id)
);

CREATE INDEX ix_report_schedule_run_schedule_to ON report_schedule_run (schedule_id, period_to);
