-- The Invoices list at a million invoices: a merchant's invoices in one status, newest first. With the indexes
-- of V006 every filter of the list is read in creation order from an index, and several statuses are read as
-- one such range per status (see InvoiceRepository.find); InvoiceListPlansIT checks the plans.
CREATE INDEX ix_invoice_merchant_status_created ON invoice (merchant_id, status, created_at, id);
