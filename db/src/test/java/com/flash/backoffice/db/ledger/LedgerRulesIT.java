package com.flash.backoffice.db.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger's rules hold in the database itself: plain JDBC here, no repository involved. */
class LedgerRulesIT {

    private static TestDatabase database;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("ledger_rules_it");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void unbalanced_entry_is_refused_by_the_database() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            long entry = insertEntry(connection, "rules:unbalanced");
            insertLine(connection, entry, ChartOfAccounts.ONCHAIN_ASSETS.code(), "DEBIT", 1_000, 1);
            insertLine(connection, entry, ChartOfAccounts.OWNER_EQUITY.code(), "CREDIT", 900, 2);

            assertThatThrownBy(() -> post(connection, entry))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(
                            "ledger entry " + entry + " is unbalanced: debits 1000 msat, credits 900 msat");
            assertThat(posted(connection, entry)).isFalse();
        }
    }

    @Test
    void an_entry_with_a_single_line_cannot_be_posted() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            long entry = insertEntry(connection, "rules:single-line");
            insertLine(connection, entry, ChartOfAccounts.ONCHAIN_ASSETS.code(), "DEBIT", 1_000, 1);

            assertThatThrownBy(() -> post(connection, entry))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("needs at least 2 lines");
        }
    }

    @Test
    void a_balanced_entry_is_posted_and_then_immutable() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            long entry = insertEntry(connection, "rules:balanced");
            long line = insertLine(connection, entry, ChartOfAccounts.ONCHAIN_ASSETS.code(), "DEBIT", 5_000, 1);
            insertLine(connection, entry, ChartOfAccounts.OWNER_EQUITY.code(), "CREDIT", 5_000, 2);
            post(connection, entry);
            assertThat(posted(connection, entry)).isTrue();

            assertThatThrownBy(() -> execute(connection, "UPDATE ledger_line SET amount_msat = 1 WHERE id = " + line))
                    .hasMessageContaining("ledger line " + line + " is immutable and cannot be updated");
            assertThatThrownBy(() -> execute(connection, "DELETE FROM ledger_line WHERE id = " + line))
                    .hasMessageContaining("ledger line " + line + " is immutable and cannot be deleted");
            assertThatThrownBy(() -> insertLine(connection, entry, ChartOfAccounts.OWNER_EQUITY.code(), "CREDIT", 1, 3))
                    .hasMessageContaining("ledger entry " + entry + " is posted; no lines can be added");
            assertThatThrownBy(() -> execute(connection, "UPDATE ledger_entry SET posted = 0 WHERE id = " + entry))
                    .hasMessageContaining("ledger entry " + entry + " is posted and cannot be changed");
            assertThatThrownBy(
                            () -> execute(connection, "UPDATE ledger_entry SET description = 'x' WHERE id = " + entry))
                    .hasMessageContaining("is posted and cannot be changed");
            assertThatThrownBy(() -> execute(connection, "DELETE FROM ledger_entry WHERE id = " + entry))
                    .hasMessageContaining("ledger entry " + entry + " is posted and cannot be deleted");
        }
    }

    @Test
    void lines_of_an_unposted_entry_cannot_be_changed_either() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            long entry = insertEntry(connection, "rules:draft");
            long line = insertLine(connection, entry, ChartOfAccounts.ONCHAIN_ASSETS.code(), "DEBIT", 5_000, 1);

            assertThatThrownBy(() -> execute(connection, "UPDATE ledger_line SET amount_msat = 1 WHERE id = " + line))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(
                            () -> execute(connection, "UPDATE ledger_entry SET description = 'x' WHERE id = " + entry))
                    .hasMessageContaining("can only be changed from unposted to posted");
        }
    }

    @Test
    void an_entry_cannot_be_inserted_already_posted() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            assertThatThrownBy(() -> execute(
                            connection,
                            "INSERT INTO ledger_entry (source_key, description, booked_at, posted) "
                                    + "VALUES ('rules:preposted', 'x', NOW(6), 1)"))
                    .hasMessageContaining("inserted unposted");
        }
    }

    @Test
    void a_duplicate_source_key_is_a_unique_violation() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            insertEntry(connection, "rules:duplicate");
            assertThatThrownBy(() -> insertEntry(connection, "rules:duplicate"))
                    .isInstanceOf(SQLIntegrityConstraintViolationException.class)
                    .hasMessageContaining("Duplicate entry");
        }
    }

    @Test
    void a_line_amount_must_be_positive() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            long entry = insertEntry(connection, "rules:zero-amount");
            assertThatThrownBy(() -> insertLine(connection, entry, ChartOfAccounts.OWNER_EQUITY.code(), "CREDIT", 0, 1))
                    .hasMessageContaining("ck_ledger_line_amount");
            assertThatThrownBy(
                            () -> insertLine(connection, entry, ChartOfAccounts.OWNER_EQUITY.code(), "CREDIT", -5, 1))
                    .hasMessageContaining("ck_ledger_line_amount");
        }
    }

    private static long insertEntry(Connection connection, String sourceKey) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_entry (source_key, description, booked_at) VALUES (?, 'test', NOW(6))",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, sourceKey);
            insert.executeUpdate();
            return generatedId(insert);
        }
    }

    private static long insertLine(Connection connection, long entry, String account, String side, long msat, int no)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_line (entry_id, account_id, side, amount_msat, line_no) "
                        + "SELECT ?, id, ?, ?, ? FROM ledger_account WHERE code = ?",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, entry);
            insert.setString(2, side);
            insert.setLong(3, msat);
            insert.setInt(4, no);
            insert.setString(5, account);
            insert.executeUpdate();
            return generatedId(insert);
        }
    }

    private static void post(Connection connection, long entry) throws SQLException {
        execute(connection, "UPDATE ledger_entry SET posted = 1 WHERE id = " + entry);
    }

    private static boolean posted(Connection connection, long entry) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT posted FROM ledger_entry WHERE id = " + entry)) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static long generatedId(Statement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
