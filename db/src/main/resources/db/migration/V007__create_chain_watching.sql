-- Payment destinations and the watchers' bookkeeping.

-- The on-chain address derived for an invoice from its merchant's watch-only key. An address belongs to one
-- invoice for good: the derivation index comes from merchant.next_derivation_index and is never reused.
CREATE TABLE invoice_address (
    address          VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    invoice_id       VARCHAR(32)  NOT NULL,
    merchant_id      VARCHAR(32)  NOT NULL,
    derivation_index BIGINT       NOT NULL,
    created_at       TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_invoice_address PRIMARY KEY (address),
    CONSTRAINT uq_invoice_address_index UNIQUE (merchant_id, derivation_index),
    CONSTRAINT fk_invoice_address_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT fk_invoice_address_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id),
    CONSTRAINT ck_invoice_address_index CHECK (derivation_index >= 0)
);

CREATE INDEX ix_invoice_address_invoice ON invoice_address (invoice_id);
CREATE INDEX ix_invoice_address_created ON invoice_address (created_at);

-- The BOLT11 invoice created on the Lightning node for an invoice; the Lightning watcher finds the invoice
-- of a settled Lightning payment by its payment hash.
CREATE TABLE invoice_lightning (
    payment_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    invoice_id   VARCHAR(32)  NOT NULL,
    node_id      VARCHAR(64)  NOT NULL,
    bolt11       TEXT         NOT NULL,
    amount_msat  BIGINT       NOT NULL,
    add_index    BIGINT       NOT NULL,
    expires_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    created_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_invoice_lightning PRIMARY KEY (payment_hash),
    CONSTRAINT fk_invoice_lightning_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT ck_invoice_lightning_amount CHECK (amount_msat > 0)
);

CREATE INDEX ix_invoice_lightning_invoice ON invoice_lightning (invoice_id);

-- The last block a chain watcher processed for a node: it resumes after it and detects reorgs by the hash.
CREATE TABLE chain_cursor (
    node_id    VARCHAR(64)  NOT NULL,
    height     BIGINT       NOT NULL,
    block_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_chain_cursor PRIMARY KEY (node_id),
    CONSTRAINT ck_chain_cursor_height CHECK (height >= 0)
);

-- The last settle index a Lightning watcher processed for a node.
CREATE TABLE ln_cursor (
    node_id      VARCHAR(64)  NOT NULL,
    settle_index BIGINT       NOT NULL,
    updated_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_ln_cursor PRIMARY KEY (node_id),
    CONSTRAINT ck_ln_cursor_settle_index CHECK (settle_index >= 0)
);

-- Exactly one active watcher per name: the owner renews its lease on every poll; another instance takes it
-- over only after it expired.
CREATE TABLE watcher_lease (
    name       VARCHAR(100) NOT NULL,
    owner      VARCHAR(100) NOT NULL,
    expires_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_watcher_lease PRIMARY KEY (name)
);
