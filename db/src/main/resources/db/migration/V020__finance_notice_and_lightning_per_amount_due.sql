-- What finance must look at without being asked: today a settlement reversed because its payment was
-- double-spent. Shown on the dashboard to FINANCE; mailed to the finance address once (mailed_at), by the
-- application's notice mailer, which reads the rows not mailed yet (an outbox).
CREATE TABLE finance_notice (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    notice_key  VARCHAR(190)  NOT NULL,
    kind        ENUM('SETTLEMENT_DOUBLE_SPENT') NOT NULL,
    invoice_id  VARCHAR(32)   NULL,
    merchant_id VARCHAR(32)   NULL,
    amount_msat BIGINT        NOT NULL,
    message     VARCHAR(1000) NOT NULL,
    created_at  TIMESTAMP(6)  NOT NULL,
    mailed_at   TIMESTAMP(6)  NULL,
    CONSTRAINT pk_finance_notice PRIMARY KEY (id),
    CONSTRAINT uq_finance_notice_key UNIQUE (notice_key),
    CONSTRAINT fk_finance_notice_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT fk_finance_notice_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id),
    CONSTRAINT ck_finance_notice_amount CHECK (amount_msat >= 0)
);

CREATE INDEX ix_finance_notice_mailed ON finance_notice (mailed_at, id);
CREATE INDEX ix_finance_notice_created ON finance_notice (created_at);

-- After a partial payment the checkout offers a new BOLT11 for the amount still due; one per (invoice, amount
-- due), so repeated and concurrent reads of the checkout agree on the one to offer. Until now an invoice had one.
CREATE UNIQUE INDEX uq_invoice_lightning_invoice_amount ON invoice_lightning (invoice_id, amount_msat);
