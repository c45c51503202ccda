-- Greenfield API: archived invoices and the checkout redirect URL a client gives at creation.
ALTER TABLE invoice ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE invoice ADD COLUMN redirect_url VARCHAR(2000) NULL;

CREATE INDEX ix_invoice_merchant_archived_created ON invoice (merchant_id, archived, created_at, id);

-- Idempotency-Key on API writes: the first successful response per (API key, client key), replayed for 24 h
-- when the same body comes again. A row without status_code is a request still in progress.
CREATE TABLE api_idempotency (
    api_key_id      VARCHAR(32)  NOT NULL,
    idempotency_key VARCHAR(190) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    request_hash    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    status_code     INT          NULL,
    response_body   LONGTEXT     NULL,
    created_at      TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_api_idempotency PRIMARY KEY (api_key_id, idempotency_key),
    CONSTRAINT fk_api_idempotency_key FOREIGN KEY (api_key_id) REFERENCES api_key (id)
);

-- Webhooks per store (BTCPay semantics). The secret signs each body (HMAC-SHA256), so it is kept as given.
CREATE TABLE webhook (
    id                   VARCHAR(32)   NOT NULL,
    merchant_id          VARCHAR(32)   NOT NULL,
    url                  VARCHAR(2000) NOT NULL,
    secret               VARCHAR(200)  NOT NULL,
    enabled              BOOLEAN       NOT NULL DEFAULT TRUE,
    automatic_redelivery BOOLEAN       NOT NULL DEFAULT TRUE,
    everything           BOOLEAN       NOT NULL DEFAULT TRUE,
    specific_events      VARCHAR(1000) NOT NULL DEFAULT '',
    created_at           TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_webhook PRIMARY KEY (id),
    CONSTRAINT fk_webhook_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id)
);

CREATE INDEX ix_webhook_merchant ON webhook (merchant_id);

-- One row per attempt (each retry and redelivery is a new delivery with the chain's original_delivery_id).
-- dedup_key makes creation idempotent: 'event:<eventId>:<webhookId>' for the first delivery of an event,
-- 'retry:<originalDeliveryId>:<attempt>' for automatic retries; manual redeliveries have none.
CREATE TABLE webhook_delivery (
    id                   VARCHAR(32)  NOT NULL,
    webhook_id           VARCHAR(32)  NOT NULL,
    original_delivery_id VARCHAR(32)  NOT NULL,
    event_id             BIGINT       NULL,
    attempt              INT          NOT NULL DEFAULT 0,
    is_redelivery        BOOLEAN      NOT NULL DEFAULT FALSE,
    event_type           VARCHAR(40)  NOT NULL,
    dedup_key            VARCHAR(120) CHARACTER SET ascii COLLATE ascii_bin NULL,
    request_body         LONGTEXT     NOT NULL,
    status               ENUM('PENDING', 'HTTP_SUCCESS', 'HTTP_ERROR', 'FAILED') NOT NULL DEFAULT 'PENDING',
    http_code            INT          NULL,
    error_message        VARCHAR(1000) NULL,
    created_at           TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    attempted_at         TIMESTAMP(6) NULL DEFAULT NULL,
    CONSTRAINT pk_webhook_delivery PRIMARY KEY (id),
    CONSTRAINT uq_webhook_delivery_dedup UNIQUE (dedup_key),
    CONSTRAINT fk_webhook_delivery_webhook FOREIGN KEY (webhook_id) REFERENCES webhook (id) ON DELETE CASCADE
);

CREATE INDEX ix_webhook_delivery_webhook_created ON webhook_delivery (webhook_id, created_at, id);

-- The dispatcher's persisted position in the invoice_event outbox, and the events it has turned into
-- deliveries (so a re-scan behind the position, for rows that committed late, dispatches nothing twice).
CREATE TABLE webhook_dispatch_cursor (
    id            INT          NOT NULL,
    last_event_id BIGINT       NOT NULL,
    updated_at    TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_webhook_dispatch_cursor PRIMARY KEY (id)
);

INSERT INTO webhook_dispatch_cursor (id, last_event_id) VALUES (1, 0);

CREATE TABLE webhook_dispatched_event (
    event_id      BIGINT       NOT NULL,
    dispatched_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_webhook_dispatched_event PRIMARY KEY (event_id)
);
