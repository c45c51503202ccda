-- A claimed Idempotency-Key carries a lease: a request that died while holding it frees it when lease_until passes
-- (a row of before this migration, with no lease, is free at once). resource_id is what the request created (the
-- invoice id), written in the transaction that created it, so a retry after a later failure returns that resource.
ALTER TABLE api_idempotency ADD COLUMN lease_until TIMESTAMP(6) NULL;
ALTER TABLE api_idempotency ADD COLUMN resource_id VARCHAR(32) NULL;

-- An audit entry that must exist once for an event that can be reported twice (a mark the workflow applied, audited
-- by the request that asked for it or by its retry): the second insert with the same key is ignored.
ALTER TABLE audit_log ADD COLUMN once_key VARCHAR(190) CHARACTER SET ascii COLLATE ascii_bin NULL;
CREATE UNIQUE INDEX uq_audit_log_once_key ON audit_log (once_key);

-- A scheduled report's run is recorded SENDING before its mail goes out, so a crash between sending and recording
-- leaves a trace, and the retry sends the same mail again under the same Message-ID.
ALTER TABLE report_schedule_run
    MODIFY status ENUM('SENT', 'LOGGED', 'FAILED', 'SKIPPED', 'SENDING') NOT NULL;
