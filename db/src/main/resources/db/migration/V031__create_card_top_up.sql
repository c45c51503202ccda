-- Top-ups of a card. LIGHTNING: the holder's LNURL-pay (LUD-06) from the balance page; each callback creates an
-- invoice on Flash's node, and the Lightning watcher credits the card once it settles (the payment hash is the key,
-- so a settlement delivered twice credits once). MANUAL: FINANCE's top-up with a reason, decided in its workflow
-- card-top-up-<id> (the approvals inbox above the limit) and funded by Flash (expenses:card-manual-top-ups).
-- credited_card_id is the card actually credited: a lost card's replacement when the card was replaced meanwhile.
CREATE TABLE card_top_up (
    id                 VARCHAR(32)   NOT NULL,
    card_id            VARCHAR(32)   NOT NULL,
    kind               ENUM('LIGHTNING', 'MANUAL') NOT NULL,
    state              ENUM('OPEN', 'CREDITED', 'SUSPENSE', 'CANCELLED') NOT NULL,
    amount_msat        BIGINT        NOT NULL,
    credited_msat      BIGINT        NULL,
    credited_card_id   VARCHAR(32)   NULL,
    payment_hash       CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    bolt11             VARCHAR(2000) NULL,
    node_id            VARCHAR(64)   NULL,
    expires_at         TIMESTAMP(6)  NULL,
    reason             VARCHAR(500)  NULL,
    requested_by       VARCHAR(120)  NOT NULL,
    note               VARCHAR(500)  NULL,
    created_at         TIMESTAMP(6)  NOT NULL,
    updated_at         TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_card_top_up PRIMARY KEY (id),
    CONSTRAINT fk_card_top_up_card FOREIGN KEY (card_id) REFERENCES card (id),
    CONSTRAINT fk_card_top_up_credited_card FOREIGN KEY (credited_card_id) REFERENCES card (id),
    CONSTRAINT uq_card_top_up_payment_hash UNIQUE (payment_hash),
    CONSTRAINT ck_card_top_up_amount CHECK (amount_msat > 0),
    CONSTRAINT ck_card_top_up_kind CHECK ((kind = 'LIGHTNING') = (payment_hash IS NOT NULL)
        AND (kind = 'MANUAL') = (reason IS NOT NULL))
);

CREATE INDEX ix_card_top_up_card_created ON card_top_up (card_id, created_at);
CREATE INDEX ix_card_top_up_state_expires ON card_top_up (state, expires_at);

-- The holder's LNURL-pay link, opened by a verified tap on the balance page: only the token's hash is stored.
CREATE TABLE card_top_up_link (
    token_hash  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    card_id     VARCHAR(32)  NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    expires_at  TIMESTAMP(6) NOT NULL,
    CONSTRAINT pk_card_top_up_link PRIMARY KEY (token_hash),
    CONSTRAINT fk_card_top_up_link_card FOREIGN KEY (card_id) REFERENCES card (id)
);

INSERT INTO ledger_account (code, name, type) VALUES
    ('expenses:card-manual-top-ups', 'Manual card top-ups', 'EXPENSE');
