-- API keys get an optional expiry, the time of their last use (updated at most once a minute) and who revoked them.
ALTER TABLE api_key
    ADD COLUMN expires_at   TIMESTAMP(6) NULL DEFAULT NULL,
    ADD COLUMN last_used_at TIMESTAMP(6) NULL DEFAULT NULL,
    ADD COLUMN revoked_by   VARCHAR(190) NULL DEFAULT NULL;
