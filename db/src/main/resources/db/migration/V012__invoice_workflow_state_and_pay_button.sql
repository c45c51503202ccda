-- The invoice workflow's whole state as of its last save (JSON, written by the workflow's saveState activity with
-- the same revision as the invoice row). Staff may mark an invoice long after its workflow has closed; marking then
-- starts from this state, so the same rules and the same ledger bookkeeping apply as while it was open.
CREATE TABLE invoice_workflow_state (
    invoice_id VARCHAR(32) NOT NULL,
    revision   INT         NOT NULL,
    state_json LONGTEXT    NOT NULL,
    CONSTRAINT pk_invoice_workflow_state PRIMARY KEY (invoice_id),
    CONSTRAINT fk_invoice_workflow_state_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT ck_invoice_workflow_state_json CHECK (JSON_VALID(state_json))
);

-- BTCPay's store setting "Allow anyone to create invoice": needed by the pay button a merchant pastes into a web page
-- (an unauthenticated form post creates the invoice). Off by default.
ALTER TABLE merchant ADD COLUMN anyone_can_create_invoice BOOLEAN NOT NULL DEFAULT FALSE;

-- The invoice page lists the webhook deliveries of the invoice's events.
CREATE INDEX ix_webhook_delivery_event ON webhook_delivery (event_id);
