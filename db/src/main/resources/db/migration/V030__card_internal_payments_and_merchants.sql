-- A tap that pays an invoice of this system is settled inside Flash: invoice_id names that invoice (the tap's
-- amount goes from the card to the merchant in the invoice's settlement entry, no Lightning payment).
ALTER TABLE card_tap ADD COLUMN invoice_id VARCHAR(32) NULL;
ALTER TABLE card_tap ADD CONSTRAINT fk_card_tap_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id);

-- A programme's optional merchant allow-list: with rows here its cards pay only invoices of these merchants
-- (so only internally); with none they pay any BOLT11 invoice.
CREATE TABLE card_programme_merchant (
    programme_id  VARCHAR(32) NOT NULL,
    merchant_id   VARCHAR(32) NOT NULL,
    CONSTRAINT pk_card_programme_merchant PRIMARY KEY (programme_id, merchant_id),
    CONSTRAINT fk_card_programme_merchant_programme FOREIGN KEY (programme_id) REFERENCES card_programme (id),
    CONSTRAINT fk_card_programme_merchant_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id)
);
