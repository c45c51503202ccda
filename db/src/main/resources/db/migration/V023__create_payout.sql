-- Merchant payouts, in BTCPay's states. The amount is reserved in the ledger in the same transaction that writes
-- the row (liabilities:merchant:<id> -> liabilities:payouts-pending:<id>), with the merchant row locked, so two
-- concurrent requests can never together exceed the payable balance. A payout that is not final (FAILED is parked,
-- its reservation held) keeps its destination in active_destination_hash: one open payout per destination.
CREATE TABLE payout (
    id                      VARCHAR(32)   NOT NULL,
    merchant_id             VARCHAR(32)   NOT NULL,
    destination             VARCHAR(2000) NOT NULL,
    destination_kind        ENUM('BOLT11', 'LIGHTNING_ADDRESS', 'LNURL_PAY', 'ONCHAIN') NOT NULL,
    destination_hash        CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    active_destination_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    amount_msat             BIGINT        NOT NULL,
    fee_limit_msat          BIGINT        NOT NULL,
    state                   ENUM('AWAITING_APPROVAL', 'AWAITING_PAYMENT', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED',
                                 'FAILED') NOT NULL,
    revision                INT           NOT NULL DEFAULT 0,
    origin                  ENUM('API', 'PORTAL', 'SCHEDULE') NOT NULL,
    requested_by            VARCHAR(120)  NOT NULL,
    failure                 VARCHAR(40)   NULL,
    failure_detail          VARCHAR(500)  NULL,
    fee_msat                BIGINT        NULL,
    proof                   VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NULL,
    created_at              TIMESTAMP(6)  NOT NULL,
    updated_at              TIMESTAMP(6)  NOT NULL,
    completed_at            TIMESTAMP(6)  NULL,
    CONSTRAINT pk_payout PRIMARY KEY (id),
    CONSTRAINT fk_payout_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id),
    CONSTRAINT uq_payout_active_destination UNIQUE (merchant_id, active_destination_hash),
    CONSTRAINT ck_payout_amount CHECK (amount_msat > 0),
    CONSTRAINT ck_payout_fee_limit CHECK (fee_limit_msat >= 0),
    CONSTRAINT ck_payout_fee CHECK (fee_msat IS NULL OR fee_msat >= 0),
    CONSTRAINT ck_payout_revision CHECK (revision >= 0)
);

CREATE INDEX ix_payout_state_created ON payout (state, created_at);
CREATE INDEX ix_payout_merchant_created ON payout (merchant_id, created_at);

-- The payout's timeline: one row per revision, written with the state it reached (idempotent by revision).
CREATE TABLE payout_event (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    payout_id  VARCHAR(32)  NOT NULL,
    revision   INT          NOT NULL,
    state      ENUM('AWAITING_APPROVAL', 'AWAITING_PAYMENT', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED',
                    'FAILED') NOT NULL,
    actor      VARCHAR(120) NOT NULL,
    note       VARCHAR(500) NULL,
    at         TIMESTAMP(6) NOT NULL,
    CONSTRAINT pk_payout_event PRIMARY KEY (id),
    CONSTRAINT uq_payout_event_revision UNIQUE (payout_id, revision),
    CONSTRAINT fk_payout_event_payout FOREIGN KEY (payout_id) REFERENCES payout (id)
);

-- Per-merchant payout settings: below auto_approve_below_msat a payout needs no person's approval.
CREATE TABLE merchant_payout_setting (
    merchant_id            VARCHAR(32)  NOT NULL,
    auto_approve_below_msat BIGINT      NOT NULL DEFAULT 0,
    contact_email          VARCHAR(254) NULL,
    CONSTRAINT pk_merchant_payout_setting PRIMARY KEY (merchant_id),
    CONSTRAINT fk_merchant_payout_setting_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id),
    CONSTRAINT ck_merchant_payout_setting_auto CHECK (auto_approve_below_msat >= 0)
);
