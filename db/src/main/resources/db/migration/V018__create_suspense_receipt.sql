-- Received value that belongs to no settled amount: the overpaid part, a payment to an expired invoice, a
-- payment after the monitoring window or to no invoice at all. On a custodial rail the coins are Flash's and
-- the receipt is booked to liabilities:unallocated-receipts (ledger_source_key names that entry); on a
-- non-custodial one they are in the merchant's wallet, so the row is a note and no entry exists.
-- Staff resolve a receipt (allocate to the merchant, or refund it); resolved_msat never exceeds amount_msat.
CREATE TABLE suspense_receipt (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    receipt_key       VARCHAR(190) NOT NULL,
    kind              ENUM('OVERPAID', 'PAID_TO_EXPIRED', 'AFTER_MONITORING', 'UNMATCHED') NOT NULL,
    custodial         BOOLEAN      NOT NULL,
    invoice_id        VARCHAR(32)  NULL,
    merchant_id       VARCHAR(32)  NULL,
    payment_method    ENUM('BTC_CHAIN', 'BTC_LN') NOT NULL,
    payment_ref       VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NULL,
    address           VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
    amount_msat       BIGINT       NOT NULL,
    resolved_msat     BIGINT       NOT NULL DEFAULT 0,
    ledger_source_key VARCHAR(190) NULL,
    received_at       TIMESTAMP(6) NOT NULL,
    created_at        TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    revision          INT          NOT NULL DEFAULT 0,
    CONSTRAINT pk_suspense_receipt PRIMARY KEY (id),
    CONSTRAINT uq_suspense_receipt_key UNIQUE (receipt_key),
    CONSTRAINT fk_suspense_receipt_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT fk_suspense_receipt_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id),
    CONSTRAINT ck_suspense_receipt_amount CHECK (amount_msat > 0),
    CONSTRAINT ck_suspense_receipt_resolved CHECK (resolved_msat >= 0 AND resolved_msat <= amount_msat),
    CONSTRAINT ck_suspense_receipt_booked CHECK (custodial = (ledger_source_key IS NOT NULL))
);

CREATE INDEX ix_suspense_receipt_open ON suspense_receipt (custodial, resolved_msat, received_at);
CREATE INDEX ix_suspense_receipt_invoice ON suspense_receipt (invoice_id);
CREATE INDEX ix_suspense_receipt_merchant ON suspense_receipt (merchant_id);
