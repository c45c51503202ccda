-- Append-only record of every staff action.
CREATE TABLE audit_log (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    occurred_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    actor       VARCHAR(190) NOT NULL,
    actor_roles VARCHAR(500) NOT NULL DEFAULT '',
    action      VARCHAR(100) NOT NULL,
    target_type VARCHAR(100) NULL,
    target_id   VARCHAR(190) NULL,
    before_json LONGTEXT     NULL,
    after_json  LONGTEXT     NULL,
    reason      TEXT         NULL,
    CONSTRAINT pk_audit_log PRIMARY KEY (id)
);

CREATE INDEX ix_audit_log_occurred_at ON audit_log (occurred_at);
CREATE INDEX ix_audit_log_actor ON audit_log (actor, occurred_at);
CREATE INDEX ix_audit_log_action ON audit_log (action, occurred_at);
CREATE INDEX ix_audit_log_target ON audit_log (target_type, target_id);

/* [jooq ignore start] */
DELIMITER //

CREATE TRIGGER audit_log_update_refused
BEFORE UPDATE ON audit_log
FOR EACH ROW
BEGIN
    DECLARE message VARCHAR(512);
    SET message = CONCAT('audit log entry ', OLD.id, ' is append-only and cannot be updated');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
END//

CREATE TRIGGER audit_log_delete_refused
BEFORE DELETE ON audit_log
FOR EACH ROW
BEGIN
    DECLARE message VARCHAR(512);
    SET message = CONCAT('audit log entry ', OLD.id, ' is append-only and cannot be deleted');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
END//

DELIMITER ;
/* [jooq ignore stop] */
