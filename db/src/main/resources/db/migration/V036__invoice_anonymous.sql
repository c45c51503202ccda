-- Invoices created without a login or an API key (the pay button). Each holds a fresh address of the store's key, so
-- the pay button may keep only so many of them open at once (the gap-limit guard): the index finds them per store.
ALTER TABLE invoice ADD COLUMN anonymous BOOLEAN NOT NULL DEFAULT FALSE;

CREATE INDEX ix_invoice_open_anonymous ON invoice (merchant_id, anonymous, status, expires_at);
