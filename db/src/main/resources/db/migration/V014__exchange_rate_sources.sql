-- Rates now come from public exchange APIs on a schedule (the median of the sources that answered), or from FINANCE
-- by hand with a reason. Each row says where it came from; rows from before this migration were set by hand.
ALTER TABLE exchange_rate ADD COLUMN source VARCHAR(200) NOT NULL DEFAULT 'manual';
ALTER TABLE exchange_rate ADD COLUMN reason VARCHAR(500) NULL;

-- The health of each rate source per currency, as the rates page shows it: its last accepted value, when it last
-- answered, when and why it last failed (timeout, HTTP error, malformed answer, absurd price) and how often.
CREATE TABLE rate_source_status (
    currency             CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    source               VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    last_value           DECIMAL(24, 8) NULL,
    last_success_at      TIMESTAMP(6) NULL,
    last_failure_at      TIMESTAMP(6) NULL,
    last_error           VARCHAR(500) NULL,
    failure_count        BIGINT NOT NULL DEFAULT 0,
    consecutive_failures INT NOT NULL DEFAULT 0,
    CONSTRAINT pk_rate_source_status PRIMARY KEY (currency, source)
);
