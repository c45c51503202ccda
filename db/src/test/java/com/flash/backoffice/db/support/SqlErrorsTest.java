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
}
