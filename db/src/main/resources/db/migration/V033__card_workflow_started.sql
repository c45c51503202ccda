-- When the card's workflow (card-<id>) was started. A batch is stored first and its cards' workflows started after
-- the commit; a card still without one a minute later (the process stopped in between) gets it from the sweep.
-- The cards before this migration all had their workflows started with their batch.
ALTER TABLE card ADD COLUMN workflow_started_at TIMESTAMP(6) NULL;

UPDATE card SET workflow_started_at = created_at;

CREATE INDEX ix_card_workflow_unstarted ON card (workflow_started_at, created_at);
