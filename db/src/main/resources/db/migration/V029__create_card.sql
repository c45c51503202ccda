-- Flash cards (Bolt Cards). A programme holds the issuer key that every card key is derived from
-- (boltcard DETERMINISTIC.md), encrypted with AES-GCM under FLASH_CARD_MASTER_KEY: nonce || ciphertext || tag.
-- A card is stored by the ID derived from its UID (card_key_id), never by the UID, and no key is stored in clear.
CREATE TABLE card_programme (
    id                    VARCHAR(32)   NOT NULL,
    name                  VARCHAR(120)  NOT NULL,
    issuer_key_sealed     VARBINARY(64) NOT NULL,
    per_tap_limit_msat    BIGINT        NOT NULL,
    daily_limit_msat      BIGINT        NOT NULL,
    pin_limit_msat        BIGINT        NULL,
    activation_days       INT           NOT NULL,
    created_by            VARCHAR(120)  NOT NULL,
    created_at            TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_card_programme PRIMARY KEY (id),
    CONSTRAINT uq_card_programme_name UNIQUE (name),
    CONSTRAINT ck_card_programme_limits CHECK (per_tap_limit_msat > 0 AND daily_limit_msat >= per_tap_limit_msat),
    CONSTRAINT ck_card_programme_pin CHECK (pin_limit_msat IS NULL OR pin_limit_msat > 0),
    CONSTRAINT ck_card_programme_days CHECK (activation_days > 0)
);

CREATE TABLE card_batch (
    id            VARCHAR(32)  NOT NULL,
    programme_id  VARCHAR(32)  NOT NULL,
    size          INT          NOT NULL,
    created_by    VARCHAR(120) NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL,
    CONSTRAINT pk_card_batch PRIMARY KEY (id),
    CONSTRAINT fk_card_batch_programme FOREIGN KEY (programme_id) REFERENCES card_programme (id),
    CONSTRAINT ck_card_batch_size CHECK (size > 0 AND size <= 10000)
);

-- counter is the last accepted tap's counter: a tap is accepted by the one conditional update that raises it, so
-- a replayed, equal or stale counter can never be accepted twice.
CREATE TABLE card (
    id                          VARCHAR(32)   NOT NULL,
    programme_id                VARCHAR(32)   NOT NULL,
    batch_id                    VARCHAR(32)   NOT NULL,
    card_key_id                 CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
    version                     INT           NOT NULL DEFAULT 0,
    counter                     INT           NOT NULL DEFAULT 0,
    state                       ENUM('ISSUED', 'ACTIVATION_PENDING', 'ACTIVE', 'FROZEN', 'LOST', 'RETIRED') NOT NULL,
    activation_code_hash        CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    programming_token_hash      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    programming_token_expires_at TIMESTAMP(6) NULL,
    per_tap_limit_msat          BIGINT        NOT NULL,
    daily_limit_msat            BIGINT        NOT NULL,
    pin_limit_msat              BIGINT        NULL,
    pin_hash                    VARCHAR(200)  NULL,
    pin_failures                INT           NOT NULL DEFAULT 0,
    replaced_by                 VARCHAR(32)   NULL,
    revision                    INT           NOT NULL DEFAULT 0,
    created_at                  TIMESTAMP(6)  NOT NULL,
    updated_at                  TIMESTAMP(6)  NOT NULL,
    activated_at                TIMESTAMP(6)  NULL,
    CONSTRAINT pk_card PRIMARY KEY (id),
    CONSTRAINT fk_card_programme FOREIGN KEY (programme_id) REFERENCES card_programme (id),
    CONSTRAINT fk_card_batch FOREIGN KEY (batch_id) REFERENCES card_batch (id),
    CONSTRAINT fk_card_replaced_by FOREIGN KEY (replaced_by) REFERENCES card (id),
    CONSTRAINT uq_card_key_id UNIQUE (card_key_id),
    CONSTRAINT uq_card_programming_token UNIQUE (programming_token_hash),
    CONSTRAINT ck_card_counter CHECK (counter >= 0 AND counter <= 16777215),
    CONSTRAINT ck_card_version CHECK (version >= 0),
    CONSTRAINT ck_card_limits CHECK (per_tap_limit_msat > 0 AND daily_limit_msat >= per_tap_limit_msat),
    CONSTRAINT ck_card_pin_failures CHECK (pin_failures >= 0)
);

CREATE INDEX ix_card_programme_state ON card (programme_id, state);
CREATE INDEX ix_card_batch ON card (batch_id);

-- A card's timeline: one row per revision, written with the change (and, for a person's change, its audit row).
CREATE TABLE card_event (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    card_id      VARCHAR(32)   NOT NULL,
    revision     INT           NOT NULL,
    state        ENUM('ISSUED', 'ACTIVATION_PENDING', 'ACTIVE', 'FROZEN', 'LOST', 'RETIRED') NOT NULL,
    actor        VARCHAR(120)  NOT NULL,
    reason_code  VARCHAR(40)   NOT NULL,
    note         VARCHAR(500)  NULL,
    created_at   TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_card_event PRIMARY KEY (id),
    CONSTRAINT fk_card_event_card FOREIGN KEY (card_id) REFERENCES card (id),
    CONSTRAINT uq_card_event_revision UNIQUE (card_id, revision)
);

-- Every tap, accepted or refused: the tap log. accepted_counter is set only on the accepted one, so MariaDB itself
-- refuses a second acceptance of one counter of one key version (programming again starts the counter from 0).
-- k1 is the single-use secret of the LNURL-withdraw that follows.
CREATE TABLE card_tap (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    card_id           VARCHAR(32)   NULL,
    counter           INT           NULL,
    version           INT           NULL,
    accepted_counter  INT           NULL,
    k1                CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    k1_used_at        TIMESTAMP(6)  NULL,
    state             ENUM('OPEN', 'PAYING', 'PAID', 'FAILED', 'REFUSED', 'EXPIRED', 'RESET') NOT NULL,
    reason            VARCHAR(300)  NULL,
    amount_msat       BIGINT        NULL,
    fee_msat          BIGINT        NULL,
    payment_id        VARCHAR(80)   NULL,
    bolt11            VARCHAR(2000) NULL,
    fee_limit_msat    BIGINT        NULL,
    created_at        TIMESTAMP(6)  NOT NULL,
    updated_at        TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_card_tap PRIMARY KEY (id),
    CONSTRAINT fk_card_tap_card FOREIGN KEY (card_id) REFERENCES card (id),
    CONSTRAINT uq_card_tap_accepted UNIQUE (card_id, version, accepted_counter),
    CONSTRAINT uq_card_tap_k1 UNIQUE (k1),
    CONSTRAINT ck_card_tap_accepted CHECK ((accepted_counter IS NULL) = (k1 IS NULL)
        AND (accepted_counter IS NULL) = (version IS NULL)),
    CONSTRAINT ck_card_tap_amount CHECK (amount_msat IS NULL OR amount_msat > 0)
);

CREATE INDEX ix_card_tap_card_created ON card_tap (card_id, created_at);
CREATE INDEX ix_card_tap_state_used ON card_tap (state, k1_used_at);

CREATE INDEX ix_card_activation_code ON card (activation_code_hash);
