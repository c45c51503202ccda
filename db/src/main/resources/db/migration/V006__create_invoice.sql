-- Invoices (BTCPay's model). Every term is stored resolved at creation (merchant defaults applied), so a
-- later change of the merchant's settings never changes an open invoice. The invoice workflow owns status,
-- additional_status, paid_msat and revision; it writes them with a growing revision (older writes are ignored).
CREATE TABLE invoice (
    id                   VARCHAR(32)    NOT NULL,
    merchant_id          VARCHAR(32)    NOT NULL,
    status               ENUM('NEW', 'PROCESSING', 'SETTLED', 'EXPIRED', 'INVALID') NOT NULL DEFAULT 'NEW',
    additional_status    ENUM('NONE', 'PAID_PARTIAL', 'PAID_OVER', 'PAID_LATE', 'MARKED') NOT NULL DEFAULT 'NONE',
    amount_msat          BIGINT         NULL,
    currency             VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    fiat_amount          DECIMAL(20, 8) NULL,
    rate                 DECIMAL(24, 8) NULL,
    order_id             VARCHAR(190)   NULL,
    metadata             LONGTEXT       NOT NULL,
    speed_policy         ENUM('HIGH', 'MEDIUM', 'LOW_MEDIUM', 'LOW') NOT NULL,
    tolerance_bp         INT            NOT NULL,
    processing_fee_bp    INT            NOT NULL,
    created_at           TIMESTAMP(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    expires_at           TIMESTAMP(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    monitoring_until     TIMESTAMP(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    paid_msat            BIGINT         NOT NULL DEFAULT 0,
    status_reason        VARCHAR(500)   NULL,
    revision             INT            NOT NULL DEFAULT 0,
    updated_at           TIMESTAMP(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_invoice PRIMARY KEY (id),
    CONSTRAINT fk_invoice_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id),
    CONSTRAINT ck_invoice_amount CHECK (amount_msat IS NULL OR amount_msat > 0),
    CONSTRAINT ck_invoice_currency CHECK (currency REGEXP '^[A-Z]{3,10}$'),
    CONSTRAINT ck_invoice_fiat_amount CHECK (fiat_amount IS NULL OR fiat_amount > 0),
    CONSTRAINT ck_invoice_rate CHECK (rate IS NULL OR rate > 0),
    CONSTRAINT ck_invoice_metadata_json CHECK (JSON_VALID(metadata)),
    CONSTRAINT ck_invoice_metadata_size CHECK (LENGTH(metadata) <= 65536),
    CONSTRAINT ck_invoice_tolerance CHECK (tolerance_bp BETWEEN 0 AND 10000),
    CONSTRAINT ck_invoice_fee CHECK (processing_fee_bp BETWEEN 0 AND 10000),
    CONSTRAINT ck_invoice_expiry CHECK (expires_at > created_at),
    CONSTRAINT ck_invoice_monitoring CHECK (monitoring_until >= expires_at),
    CONSTRAINT ck_invoice_paid CHECK (paid_msat >= 0),
    CONSTRAINT ck_invoice_revision CHECK (revision >= 0)
);

-- The portal's list: newest first per merchant, by status, by date, and the text search on order id.
CREATE INDEX ix_invoice_merchant_created ON invoice (merchant_id, created_at, id);
CREATE INDEX ix_invoice_status_created ON invoice (status, created_at, id);
CREATE INDEX ix_invoice_created ON invoice (created_at, id);
CREATE INDEX ix_invoice_order_id ON invoice (order_id);

-- A payment seen for an invoice: an on-chain output (payment_ref txid:vout) or a Lightning payment (hash).
-- Upserted by (invoice_id, payment_ref) so a watcher or a retried activity never counts a payment twice.
CREATE TABLE invoice_payment (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    invoice_id    VARCHAR(32)   NOT NULL,
    method        ENUM('BTC-CHAIN', 'BTC-LN') NOT NULL,
    payment_ref   VARCHAR(190) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    destination   VARCHAR(1000) NULL,
    amount_msat   BIGINT        NOT NULL,
    confirmations INT           NOT NULL DEFAULT 0,
    rbf           BOOLEAN       NOT NULL DEFAULT FALSE,
    status        ENUM('PENDING', 'CONFIRMED', 'DROPPED') NOT NULL DEFAULT 'PENDING',
    seen_at       TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at    TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_invoice_payment PRIMARY KEY (id),
    CONSTRAINT uq_invoice_payment_ref UNIQUE (invoice_id, payment_ref),
    CONSTRAINT fk_invoice_payment_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT ck_invoice_payment_amount CHECK (amount_msat > 0),
    CONSTRAINT ck_invoice_payment_confirmations CHECK (confirmations >= 0)
);

-- Watchers look payments up by transaction id (the txid prefix of payment_ref) after a reorg.
CREATE INDEX ix_invoice_payment_ref ON invoice_payment (payment_ref);

-- The invoice's timeline and the webhook outbox: one row per BTCPay event type, idempotent per
-- (invoice, revision, type, payment) so a retried activity appends nothing twice.
CREATE TABLE invoice_event (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    invoice_id        VARCHAR(32)  NOT NULL,
    revision          INT          NOT NULL,
    event_type        VARCHAR(40)  NOT NULL,
    status            ENUM('NEW', 'PROCESSING', 'SETTLED', 'EXPIRED', 'INVALID') NOT NULL,
    additional_status ENUM('NONE', 'PAID_PARTIAL', 'PAID_OVER', 'PAID_LATE', 'MARKED') NOT NULL,
    payment_ref       VARCHAR(190) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
    detail            VARCHAR(500) NULL,
    occurred_at       TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_invoice_event PRIMARY KEY (id),
    CONSTRAINT uq_invoice_event UNIQUE (invoice_id, revision, event_type, payment_ref),
    CONSTRAINT fk_invoice_event_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id)
);
