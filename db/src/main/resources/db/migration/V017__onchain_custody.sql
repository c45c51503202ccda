-- Who holds an on-chain payment's coins. MERCHANT_WALLET (today's behaviour): addresses from the merchant's
-- watch-only key, the coins are the merchant's and the ledger books only the fee it owes. FLASH_WALLET: addresses
-- from Flash's LND wallet (NewAddress), the coins are Flash's asset and the merchant's balance a liability.
ALTER TABLE merchant
    ADD COLUMN onchain_custody ENUM('MERCHANT_WALLET', 'FLASH_WALLET') NOT NULL DEFAULT 'MERCHANT_WALLET';

-- An address keeps the custody it was allocated with, whatever the merchant's setting becomes later. A Flash-wallet
-- address has no derivation index (LND's wallet derives it).
ALTER TABLE invoice_address
    ADD COLUMN custody ENUM('MERCHANT_WALLET', 'FLASH_WALLET') NOT NULL DEFAULT 'MERCHANT_WALLET';
ALTER TABLE invoice_address MODIFY COLUMN derivation_index BIGINT NULL;
ALTER TABLE invoice_address
    ADD CONSTRAINT ck_invoice_address_custody CHECK ((custody = 'FLASH_WALLET') = (derivation_index IS NULL));

-- An invoice whose ledger posting was refused waits for staff (or the hourly retry) instead of failing.
ALTER TABLE invoice ADD COLUMN needs_attention BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE invoice ADD COLUMN attention_reason VARCHAR(500) NULL;
