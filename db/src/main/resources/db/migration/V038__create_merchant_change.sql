-- A change of a merchant's guarded settings (watch-only key, payout destination, on-chain custody): where the money
-- goes. It waits in the approvals inbox until a second person approves (two-person rule); then its workflow applies
-- it, unless the settings it replaces changed meanwhile (STALE). At most one waits per merchant: the workflow id is
-- the merchant's.
CREATE TABLE merchant_change (
    id                        VARCHAR(32)   NOT NULL,
    merchant_id               VARCHAR(32)   NOT NULL,
    state                     ENUM('PENDING', 'APPLIED', 'STALE', 'REJECTED', 'EXPIRED', 'WITHDRAWN') NOT NULL,
    derivation_scheme_before  TEXT          NULL,
    derivation_scheme_after   TEXT          NULL,
    payout_destination_before VARCHAR(1000) NULL,
    payout_destination_after  VARCHAR(1000) NULL,
    onchain_custody_before    ENUM('MERCHANT_WALLET', 'FLASH_WALLET') NOT NULL,
    onchain_custody_after     ENUM('MERCHANT_WALLET', 'FLASH_WALLET') NOT NULL,
    requested_by              VARCHAR(190)  NOT NULL,
    note                      VARCHAR(500)  NULL,
    created_at                DATETIME(6)   NOT NULL,
    closed_at                 DATETIME(6)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_merchant_change_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id)
);

CREATE INDEX ix_merchant_change_merchant ON merchant_change (merchant_id, state, created_at);
