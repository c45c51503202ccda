-- The approvals inbox: one row per request that waits for people (payouts, refunds, campaign budgets...), kept
-- current by the requesting workflow's approval activities; the workflow holds the rules, these rows only show them.
-- Requests below the auto-approve limit never get a row. approver_role is the role that may decide (the inbox query).
CREATE TABLE approval_request (
    subject_id       VARCHAR(190) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kind             ENUM('PAYOUT', 'REFUND', 'CAMPAIGN_BUDGET', 'MERCHANT_KEY_CHANGE') NOT NULL,
    workflow_id      VARCHAR(190) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    merchant_id      VARCHAR(32)  NULL,
    amount_msat      BIGINT       NOT NULL,
    requested_by     VARCHAR(190) NOT NULL,
    summary          VARCHAR(500) NULL,
    approver_role    VARCHAR(50)  NOT NULL,
    status           ENUM('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED', 'CANCELLED') NOT NULL,
    revision         BIGINT       NOT NULL,
    approvals_needed INT          NOT NULL,
    approvals_given  INT          NOT NULL DEFAULT 0,
    created_at       TIMESTAMP(6) NOT NULL,
    remind_at        TIMESTAMP(6) NULL,
    deadline_at      TIMESTAMP(6) NOT NULL,
    decided_at       TIMESTAMP(6) NULL,
    reminded_at      TIMESTAMP(6) NULL,
    CONSTRAINT pk_approval_request PRIMARY KEY (subject_id),
    CONSTRAINT fk_approval_request_merchant FOREIGN KEY (merchant_id) REFERENCES merchant (id),
    CONSTRAINT ck_approval_request_amount CHECK (amount_msat >= 0),
    CONSTRAINT ck_approval_request_approvals CHECK (approvals_needed > 0 AND approvals_given >= 0),
    CONSTRAINT ck_approval_request_decided CHECK ((status = 'PENDING') = (decided_at IS NULL))
);

CREATE INDEX ix_approval_request_inbox ON approval_request (status, approver_role, created_at, subject_id);
CREATE INDEX ix_approval_request_merchant ON approval_request (merchant_id);

-- Every decision taken, once: an activity retried after a crash inserts the same (subject, person, revision) again,
-- which the unique key ignores.
CREATE TABLE approval_decision (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    subject_id VARCHAR(190)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    decided_by VARCHAR(190)  NOT NULL,
    verdict    ENUM('APPROVE', 'REJECT') NOT NULL,
    reason     VARCHAR(1000) NULL,
    revision   BIGINT        NOT NULL,
    decided_at TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_approval_decision PRIMARY KEY (id),
    CONSTRAINT uq_approval_decision_once UNIQUE (subject_id, decided_by, revision),
    CONSTRAINT fk_approval_decision_request FOREIGN KEY (subject_id) REFERENCES approval_request (subject_id)
);
