-- The chart of accounts of ChartOfAccounts (db ledger feature): the suspense account for receipts whose owner is
-- unclear, and no more pooled accounts that nothing posts to (balances are per merchant, card and campaign).
INSERT INTO ledger_account (code, name, type) VALUES
    ('liabilities:unallocated-receipts', 'Unallocated receipts (suspense)', 'LIABILITY');

DELETE FROM ledger_account
WHERE code IN ('liabilities:merchant-balances', 'liabilities:card-balances', 'liabilities:rewards',
               'liabilities:refunds', 'expenses:rewards')
  AND NOT EXISTS (SELECT 1 FROM ledger_line WHERE ledger_line.account_id = ledger_account.id);
