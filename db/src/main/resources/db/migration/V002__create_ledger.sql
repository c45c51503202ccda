-- Double-entry ledger in millisatoshis. Balances are derived from posted entries only.
CREATE TABLE ledger_account (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    code        VARCHAR(190) NOT NULL,
    name        VARCHAR(200) NOT NULL,
    type        ENUM('ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE') NOT NULL,
    merchant_id VARCHAR(32)  NULL,
    created_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_ledger_account PRIMARY KEY (id),
    CONSTRAINT uq_ledger_account_code UNIQUE (code),
    CONSTRAINT fk_ledger_account_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id)
);

CREATE INDEX ix_ledger_account_merchant ON ledger_account (merchant_id);

CREATE TABLE ledger_entry (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    source_key  VARCHAR(190) NOT NULL,
    description VARCHAR(500) NOT NULL,
    booked_at   TIMESTAMP(6) NOT NULL,
    posted      BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_ledger_entry PRIMARY KEY (id),
    CONSTRAINT uq_ledger_entry_source_key UNIQUE (source_key)
);

CREATE INDEX ix_ledger_entry_booked_at ON ledger_entry (booked_at);

CREATE TABLE ledger_line (
    id            BIGINT         NOT NULL AUTO_INCREMENT,
    entry_id      BIGINT         NOT NULL,
    account_id    BIGINT         NOT NULL,
    side          ENUM('DEBIT', 'CREDIT') NOT NULL,
    amount_msat   BIGINT         NOT NULL,
    fiat_amount   DECIMAL(20, 8) NULL,
    fiat_currency CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NULL,
    line_no       INT            NOT NULL,
    CONSTRAINT pk_ledger_line PRIMARY KEY (id),
    CONSTRAINT uq_ledger_line_entry_line_no UNIQUE (entry_id, line_no),
    CONSTRAINT fk_ledger_line_entry FOREIGN KEY (entry_id) REFERENCES ledger_entry (id),
    CONSTRAINT fk_ledger_line_account FOREIGN KEY (account_id) REFERENCES ledger_account (id),
    CONSTRAINT ck_ledger_line_amount CHECK (amount_msat > 0),
    CONSTRAINT ck_ledger_line_fiat_pair CHECK ((fiat_amount IS NULL) = (fiat_currency IS NULL)),
    CONSTRAINT ck_ledger_line_fiat_currency CHECK (fiat_currency IS NULL OR fiat_currency REGEXP '^[A-Z]{3}$')
);

CREATE INDEX ix_ledger_line_account ON ledger_line (account_id);

INSERT INTO ledger_account (code, name, type) VALUES
    ('assets:bitcoin:onchain', 'Bitcoin on-chain', 'ASSET'),
    ('assets:bitcoin:lightning', 'Bitcoin Lightning', 'ASSET'),
    ('revenue:processing-fees', 'Processing fees', 'REVENUE'),
    ('liabilities:merchant-balances', 'Merchant balances', 'LIABILITY'),
    ('liabilities:card-balances', 'Card balances', 'LIABILITY'),
    ('liabilities:rewards', 'Rewards points outstanding', 'LIABILITY'),
    ('liabilities:refunds', 'Refunds awaiting claim', 'LIABILITY'),
    ('expenses:network-fees', 'Network and routing fees', 'EXPENSE'),
    ('expenses:rewards', 'Rewards redeemed', 'EXPENSE'),
    ('equity:owner', 'Owner equity', 'EQUITY');
