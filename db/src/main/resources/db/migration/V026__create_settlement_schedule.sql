-- Settlement schedules: a merchant's payable balance is requested as a payout to its payout destination every day,
-- every week, or whenever it is above a threshold (checked every hour). One schedule per merchant, run by its own
-- Temporal workflow (settlement-schedule-<merchant id>). Times are UTC.
CREATE TABLE settlement_schedule (
    merchant_id      VARCHAR(32)  NOT NULL,
    frequency        ENUM('DAILY', 'WEEKLY', 'THRESHOLD') NOT NULL,
    weekday          ENUM('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY') NULL,
    threshold_msat   BIGINT       NULL,
    -- minutes after midnight UTC: the time of a daily or weekly run; for THRESHOLD the minute of each hourly check
    time_of_day_min  INT          NOT NULL,
    paused           BOOLEAN      NOT NULL DEFAULT FALSE,
    revision         INT          NOT NULL DEFAULT 0,
    created_by       VARCHAR(100) NOT NULL,
    created_at       TIMESTAMP(6) NOT NULL,
    updated_by       VARCHAR(100) NOT NULL,
    updated_at       TIMESTAMP(6) NOT NULL,
    CONSTRAINT pk_settlement_schedule PRIMARY KEY (merchant_id),
    CONSTRAINT fk_settlement_schedule_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id),
    CONSTRAINT ck_settlement_schedule_time CHECK (time_of_day_min BETWEEN 0 AND 1439),
    CONSTRAINT ck_settlement_schedule_weekday CHECK ((frequency = 'WEEKLY') = (weekday IS NOT NULL)),
    CONSTRAINT ck_settlement_schedule_threshold CHECK ((frequency = 'THRESHOLD') = (threshold_msat IS NOT NULL)
        AND (threshold_msat IS NULL OR threshold_msat > 0))
);

-- One row per schedule and period key: the unique key is what keeps a period from requesting a payout twice
-- (scheduled, triggered now or backfilled). REQUESTING is the claim written before the payout is asked for, so a
-- retried attempt knows it may already have asked.
CREATE TABLE settlement_run (
    id            BIGINT AUTO_INCREMENT NOT NULL,
    merchant_id   VARCHAR(32)   NOT NULL,
    period_key    VARCHAR(64)   NOT NULL,
    period_at     TIMESTAMP(6)  NOT NULL,
    run_trigger   ENUM('SCHEDULED', 'NOW', 'BACKFILL') NOT NULL,
    status        ENUM('REQUESTING', 'REQUESTED', 'SKIPPED') NOT NULL,
    payout_id     VARCHAR(32)   NULL,
    amount_msat   BIGINT        NULL,
    skip_reason   ENUM('PAUSED', 'NO_DESTINATION', 'NOTHING_PAYABLE', 'BELOW_THRESHOLD', 'OPEN_PAYOUT',
                       'INVALID_DESTINATION', 'MERCHANT_NOT_FOUND') NULL,
    detail        VARCHAR(1000) NULL,
    created_at    TIMESTAMP(6)  NOT NULL,
    updated_at    TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_settlement_run PRIMARY KEY (id),
    CONSTRAINT uq_settlement_run_period UNIQUE (merchant_id, period_key),
    CONSTRAINT fk_settlement_run_schedule FOREIGN KEY (merchant_id) REFERENCES settlement_schedule (merchant_id),
    CONSTRAINT fk_settlement_run_payout FOREIGN KEY (payout_id) REFERENCES payout (id),
    CONSTRAINT ck_settlement_run_outcome CHECK ((status = 'REQUESTED') = (payout_id IS NOT NULL)
        AND (status = 'SKIPPED') = (skip_reason IS NOT NULL))
);

CREATE INDEX ix_settlement_run_merchant_at ON settlement_run (merchant_id, period_at);
