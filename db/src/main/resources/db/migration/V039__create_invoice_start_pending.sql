-- The transactional outbox of invoice creation: a row is written in the invoice's own transaction and removed once
-- the invoice has its payment methods and its workflow. A request that fails after the commit (the database or
-- Temporal gone for a moment) leaves its row here, and the reconciler finishes the invoice: no committed invoice
-- stays New for good with an address nobody watches.
CREATE TABLE invoice_start_pending (
    invoice_id VARCHAR(32) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (invoice_id),
    CONSTRAINT fk_invoice_start_pending_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id) ON DELETE CASCADE
);

CREATE INDEX ix_invoice_start_pending_created ON invoice_start_pending (created_at);
