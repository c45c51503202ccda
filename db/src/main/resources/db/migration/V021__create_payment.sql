-- Money Flash sends (payouts, refunds, card taps, rewards), one row per business id (payout-<id>, ...), so a
-- retry finds the first attempt. The intent is recorded before anything is sent; a BOLT11's payment hash is
-- stored before it is sent, so after a crash the node is asked about that hash and nothing is sent twice.
-- bolt11 is the invoice actually paid: the destination itself, or the one a Lightning address / LNURL-pay resolved
-- to (kept, so a retry pays that same invoice and never resolves a second one).
-- status: RECORDED (intent only, nothing sent) -> IN_FLIGHT (handed to the node) -> SUCCEEDED | FAILED (final).
CREATE TABLE payment (
    payment_id     VARCHAR(190)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kind           ENUM('BOLT11', 'LIGHTNING_ADDRESS', 'LNURL_PAY', 'ONCHAIN') NOT NULL,
    destination    VARCHAR(2048) NOT NULL,
    amount_msat    BIGINT        NOT NULL,
    fee_limit_msat BIGINT        NOT NULL,
    bolt11         VARCHAR(2048) NULL,
    payment_hash   CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NULL,
    status         ENUM('RECORDED', 'IN_FLIGHT', 'SUCCEEDED', 'FAILED') NOT NULL DEFAULT 'RECORDED',
    fee_msat       BIGINT        NULL,
    proof          VARCHAR(200)  CHARACTER SET ascii COLLATE ascii_bin NULL,
    failure        VARCHAR(40)   NULL,
    detail         VARCHAR(1000) NULL,
    created_at     TIMESTAMP(6)  NOT NULL,
    updated_at     TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_payment PRIMARY KEY (payment_id),
    CONSTRAINT uq_payment_hash UNIQUE (payment_hash),
    CONSTRAINT ck_payment_amount CHECK (amount_msat > 0),
    CONSTRAINT ck_payment_fee_limit CHECK (fee_limit_msat >= 0),
    CONSTRAINT ck_payment_fee CHECK (fee_msat IS NULL OR fee_msat >= 0),
    CONSTRAINT ck_payment_succeeded CHECK (status <> 'SUCCEEDED' OR (proof IS NOT NULL AND fee_msat IS NOT NULL)),
    CONSTRAINT ck_payment_failed CHECK (status <> 'FAILED' OR failure IS NOT NULL)
);

CREATE INDEX ix_payment_status ON payment (status, updated_at);
