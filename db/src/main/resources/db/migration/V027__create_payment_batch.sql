-- On-chain payments go out in batches: each run of the batcher gathers the recorded on-chain payments no batch holds
-- yet into one batch, which pays them in one transaction labelled payment-batch-<id> (so a retry finds it and never
-- sends a second). run_key names the run that opened the batch, so a retried run opens the same batch again.
-- custody: HOT pays from Flash's LND wallet at once; COLD builds a PSBT from the watch-only treasury key, which
-- FINANCE signs offline and uploads (funding holds what FundPsbt returned, as JSON: the PSBT, its inputs, its change).
-- status: OPEN (gathered) -> AWAITING_SIGNATURE (cold only) -> BROADCAST (txid known) | FAILED (nothing sent; the
-- payments fail with detail, and a retry of each is a new payment in a later batch).
CREATE TABLE payment_batch (
    batch_id     BIGINT        NOT NULL AUTO_INCREMENT,
    run_key      VARCHAR(190)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    custody      ENUM('HOT', 'COLD') NOT NULL,
    status       ENUM('OPEN', 'AWAITING_SIGNATURE', 'BROADCAST', 'FAILED') NOT NULL DEFAULT 'OPEN',
    target_conf  INT           NOT NULL,
    funding      MEDIUMTEXT    NULL,
    txid         CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NULL,
    fee_sat      BIGINT        NULL,
    detail       VARCHAR(1000) NULL,
    signed_by    VARCHAR(190)  NULL,
    created_at   TIMESTAMP(6)  NOT NULL,
    updated_at   TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_payment_batch PRIMARY KEY (batch_id),
    CONSTRAINT uq_payment_batch_run UNIQUE (run_key),
    CONSTRAINT ck_payment_batch_target CHECK (target_conf >= 1),
    CONSTRAINT ck_payment_batch_fee CHECK (fee_sat IS NULL OR fee_sat >= 0),
    CONSTRAINT ck_payment_batch_broadcast CHECK (status <> 'BROADCAST' OR (txid IS NOT NULL AND fee_sat IS NOT NULL)),
    CONSTRAINT ck_payment_batch_failed CHECK (status <> 'FAILED' OR detail IS NOT NULL)
);

CREATE INDEX ix_payment_batch_status ON payment_batch (status, created_at);

ALTER TABLE payment ADD COLUMN batch_id BIGINT NULL;

ALTER TABLE payment ADD CONSTRAINT fk_payment_batch FOREIGN KEY (batch_id) REFERENCES payment_batch (batch_id);

CREATE INDEX ix_payment_unbatched ON payment (kind, status, batch_id);
