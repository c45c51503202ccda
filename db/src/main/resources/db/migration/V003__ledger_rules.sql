-- The ledger's rules live in the database so that no code path (a bug, a script, a console session)
-- can write an unbalanced or changed history. Locking reads make the checks hold under concurrency.
-- jOOQ's parser does not understand triggers, so code generation skips this block.

/* [jooq ignore start] */
DELIMITER //

CREATE TRIGGER ledger_entry_insert_unposted
BEFORE INSERT ON ledger_entry
FOR EACH ROW
BEGIN
    IF NEW.posted <> 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'a ledger entry is inserted unposted; post it after its lines';
    END IF;
END//

CREATE TRIGGER ledger_entry_post_balanced
BEFORE UPDATE ON ledger_entry
FOR EACH ROW
BEGIN
    DECLARE line_count BIGINT;
    DECLARE debits DECIMAL(38, 0);
    DECLARE credits DECIMAL(38, 0);
    DECLARE message VARCHAR(512);

    IF OLD.posted <> 0 THEN
        SET message = CONCAT('ledger entry ', OLD.id, ' is posted and cannot be changed');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
    END IF;
    IF NEW.posted = 0
        OR NOT (NEW.id <=> OLD.id)
        OR NOT (BINARY NEW.source_key <=> BINARY OLD.source_key)
        OR NOT (BINARY NEW.description <=> BINARY OLD.description)
        OR NOT (NEW.booked_at <=> OLD.booked_at)
        OR NOT (NEW.created_at <=> OLD.created_at) THEN
        SET message = CONCAT('ledger entry ', OLD.id, ' can only be changed from unposted to posted');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
    END IF;

    SELECT COUNT(*),
           COALESCE(SUM(CASE WHEN side = 'DEBIT' THEN amount_msat ELSE 0 END), 0),
           COALESCE(SUM(CASE WHEN side = 'CREDIT' THEN amount_msat ELSE 0 END), 0)
      INTO line_count, debits, credits
      FROM ledger_line
     WHERE entry_id = OLD.id
      LOCK IN SHARE MODE;

    IF line_count < 2 THEN
        SET message = CONCAT('ledger entry ', OLD.id, ' needs at least 2 lines to be posted, has ', line_count);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
    END IF;
    IF debits <> credits THEN
        SET message = CONCAT('ledger entry ', OLD.id, ' is unbalanced: debits ', debits,
                             ' msat, credits ', credits, ' msat');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
    END IF;
END//

CREATE TRIGGER ledger_entry_delete_unposted_only
BEFORE DELETE ON ledger_entry
FOR EACH ROW
BEGIN
    DECLARE message VARCHAR(512);
    IF OLD.posted <> 0 THEN
        SET message = CONCAT('ledger entry ', OLD.id, ' is posted and cannot be deleted');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
    END IF;
END//

CREATE TRIGGER ledger_line_insert_into_unposted_entry
BEFORE INSERT ON ledger_line
FOR EACH ROW
BEGIN
    DECLARE entry_posted BOOLEAN;
    DECLARE message VARCHAR(512);
    -- A locking read waits for a concurrent posting of the same entry and then sees its outcome.
    SELECT posted INTO entry_posted FROM ledger_entry WHERE id = NEW.entry_id LOCK IN SHARE MODE;
    IF entry_posted IS NULL THEN
        SET message = CONCAT('ledger entry ', NEW.entry_id, ' does not exist');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
    END IF;
    IF entry_posted <> 0 THEN
        SET message = CONCAT('ledger entry ', NEW.entry_id, ' is posted; no lines can be added');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
    END IF;
END//

CREATE TRIGGER ledger_line_update_refused
BEFORE UPDATE ON ledger_line
FOR EACH ROW
BEGIN
    DECLARE message VARCHAR(512);
    SET message = CONCAT('ledger line ', OLD.id, ' is immutable and cannot be updated');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
END//

CREATE TRIGGER ledger_line_delete_refused
BEFORE DELETE ON ledger_line
FOR EACH ROW
BEGIN
    DECLARE message VARCHAR(512);
    SET message = CONCAT('ledger line ', OLD.id, ' is immutable and cannot be deleted');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
END//

DELIMITER ;
/* [jooq ignore stop] */
