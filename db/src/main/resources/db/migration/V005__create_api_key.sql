-- API keys: only the SHA-256 of the key is stored; the plaintext is shown once at creation.
CREATE TABLE api_key (
    id          VARCHAR(32)   NOT NULL,
    label       VARCHAR(200)  NOT NULL,
    key_hash    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    key_prefix  CHAR(8)       NOT NULL,
    merchant_id VARCHAR(32)   NULL,
    permissions VARCHAR(1000) NOT NULL DEFAULT '',
    created_by  VARCHAR(190)  NOT NULL,
    created_at  TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    revoked_at  TIMESTAMP(6)  NULL DEFAULT NULL,
    CONSTRAINT pk_api_key PRIMARY KEY (id),
    CONSTRAINT uq_api_key_hash UNIQUE (key_hash),
    CONSTRAINT fk_api_key_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id),
    CONSTRAINT ck_api_key_hash CHECK (key_hash REGEXP '^[0-9a-f]{64}$')
);

CREATE INDEX ix_api_key_merchant ON api_key (merchant_id);
