package com.flash.backoffice.db.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void a_deadlock_is_recognised_through_jooqs_wrapping_and_other_errors_are_not() {
        var deadlock = new DataAccessException(
                "SQL [update payment ...]",
                new SQLTransactionRollbackException(
                        "(conn=144) Deadlock found when trying to get lock; try restarting transaction",
                        "40001",
                        1213));
        var duplicate = new DataAccessException("SQL [insert ...]", new SQLException("Duplicate entry", "23000", 1062));

        assertThat(SqlErrors.isDeadlock(deadlock)).isTrue();
        assertThat(SqlErrors.isDeadlock(duplicate)).isFalse();
        assertThat(SqlErrors.isDuplicateKey(duplicate)).isTrue();
        assertThat(SqlErrors.isDeadlock(new IllegalStateException("no SQL here")))
                .isFalse();
    }

    @Test
    void a_lost_or_refused_connection_is_a_connection_failure_and_a_constraint_is_not() {
        var refused = new DataAccessException(
                "SQL [select ...]",
                new java.sql.SQLNonTransientConnectionException("Socket fail to connect to 127.0.0.1", "08000"));
        var poolTimeout = new RuntimeException(new java.sql.SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3000ms."));
        var broken =
                new DataAccessException("SQL [insert ...]", new SQLException("Communications link failure", "08S01"));
        var duplicate = new DataAccessException("SQL [insert ...]", new SQLException("Duplicate entry", "23000", 1062));

        assertThat(SqlErrors.isConnectionFailure(refused)).isTrue();
        assertThat(SqlErrors.isConnectionFailure(poolTimeout)).isTrue();
        assertThat(SqlErrors.isConnectionFailure(broken)).isTrue();
        assertThat(SqlErrors.isConnectionFailure(duplicate)).isFalse();
        assertThat(SqlErrors.isConnectionFailure(new org.springframework.transaction.TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"))))
                .isTrue();
        assertThat(SqlErrors.isConnectionFailure(new org.springframework.transaction.TransactionSystemException(
                        "JDBC commit failed", new SQLException("Connection is closed"))))
                .as("a failed commit may have committed")
                .isFalse();
        assertThat(SqlErrors.isConnectionFailure(new IllegalStateException("no SQL here")))
                .isFalse();
    }
}
