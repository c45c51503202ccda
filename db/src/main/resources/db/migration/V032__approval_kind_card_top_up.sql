-- FINANCE's manual card top-ups above the limit wait in the approvals inbox (workflow card-top-up-<id>).
ALTER TABLE approval_request
    MODIFY kind ENUM('PAYOUT', 'REFUND', 'CAMPAIGN_BUDGET', 'MERCHANT_KEY_CHANGE', 'CARD_TOP_UP') NOT NULL;
