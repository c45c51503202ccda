-- Refunds of invoices, in BTCPay's variants. A start locks the invoice row and checks that the refunds of the invoice
-- that still hold or took money (every state but CANCELLED and EXPIRED: counts_against_paid) never exceed what was
-- paid on it, so two agents refunding the same invoice at the same moment can never together refund more.
-- The reservation (merchant balance, or suspense, -> liabilities:refunds-pending:merchant:<id>) is written when the
-- refund is approved, in the transaction that stores that step; reserved_from_balance_msat and receivable_msat say
-- how it was taken, so a release returns exactly that.
CREATE TABLE refund (
    id                         VARCHAR(32)   NOT NULL,
    invoice_id                 VARCHAR(32)   NOT NULL,
    merchant_id                VARCHAR(32)   NOT NULL,
    variant                    ENUM('RATE_THEN', 'CURRENT_RATE', 'FIAT', 'OVERPAID_AMOUNT', 'CUSTOM') NOT NULL,
    source                     ENUM('MERCHANT', 'SUSPENSE') NOT NULL,
    suspense_receipt_id        BIGINT        NULL,
    amount_msat                BIGINT        NOT NULL,
    amount_fixed               BOOLEAN       NOT NULL,
    fiat_amount                DECIMAL(20, 8) NULL,
    fiat_currency              VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
    rate                       DECIMAL(24, 8) NULL,
    subtract_percentage        DECIMAL(5, 2) NOT NULL DEFAULT 0,
    reason                     VARCHAR(500)  NOT NULL,
    allow_negative_balance     BOOLEAN       NOT NULL DEFAULT FALSE,
    destination                VARCHAR(2000) NULL,
    claim_token                VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    k1                         CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    k1_used_at                 TIMESTAMP(6)  NULL,
    claim_expires_at           TIMESTAMP(6)  NULL,
    state                      ENUM('AWAITING_APPROVAL', 'AWAITING_CLAIM', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED',
                                    'EXPIRED') NOT NULL,
    counts_against_paid        BOOLEAN       NOT NULL DEFAULT TRUE,
    revision                   INT           NOT NULL DEFAULT 0,
    attempts                   INT           NOT NULL DEFAULT 0,
    reserved_from_balance_msat BIGINT        NULL,
    receivable_msat            BIGINT        NULL,
    origin                     ENUM('API', 'PORTAL') NOT NULL,
    requested_by               VARCHAR(120)  NOT NULL,
    fee_limit_msat             BIGINT        NOT NULL,
    fee_msat                   BIGINT        NULL,
    proof                      VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NULL,
    failure_detail             VARCHAR(500)  NULL,
    created_at                 TIMESTAMP(6)  NOT NULL,
    updated_at                 TIMESTAMP(6)  NOT NULL,
    completed_at               TIMESTAMP(6)  NULL,
    CONSTRAINT pk_refund PRIMARY KEY (id),
    CONSTRAINT fk_refund_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT fk_refund_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id),
    CONSTRAINT fk_refund_suspense FOREIGN KEY (suspense_receipt_id) REFERENCES suspense_receipt (id),
    CONSTRAINT uq_refund_claim_token UNIQUE (claim_token),
    CONSTRAINT uq_refund_k1 UNIQUE (k1),
    CONSTRAINT ck_refund_amount CHECK (amount_msat > 0),
    CONSTRAINT ck_refund_subtract CHECK (subtract_percentage >= 0 AND subtract_percentage < 100),
    CONSTRAINT ck_refund_fee_limit CHECK (fee_limit_msat >= 0),
    CONSTRAINT ck_refund_fee CHECK (fee_msat IS NULL OR fee_msat >= 0),
    CONSTRAINT ck_refund_revision CHECK (revision >= 0),
    CONSTRAINT ck_refund_suspense CHECK ((source = 'SUSPENSE') = (suspense_receipt_id IS NOT NULL))
);

CREATE INDEX ix_refund_invoice ON refund (invoice_id, counts_against_paid);
CREATE INDEX ix_refund_state_created ON refund (state, created_at);
CREATE INDEX ix_refund_merchant_created ON refund (merchant_id, created_at);

-- The refund's timeline: one row per revision (idempotent by revision).
CREATE TABLE refund_event (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    refund_id  VARCHAR(32)  NOT NULL,
    revision   INT          NOT NULL,
    state      ENUM('AWAITING_APPROVAL', 'AWAITING_CLAIM', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED',
                    'EXPIRED') NOT NULL,
    actor      VARCHAR(120) NOT NULL,
    note       VARCHAR(500) NULL,
    at         TIMESTAMP(6) NOT NULL,
    CONSTRAINT pk_refund_event PRIMARY KEY (id),
    CONSTRAINT uq_refund_event_revision UNIQUE (refund_id, revision),
    CONSTRAINT fk_refund_event_refund FOREIGN KEY (refund_id) REFERENCES refund (id)
);
