package com.flash.backoffice.db.support;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/** Reads MariaDB's error codes through whatever wraps them (jOOQ, Spring's translation). */
public final class SqlErrors {

    private static final int DUPLICATE_KEY = 1062;
    private static final int DEADLOCK = 1213;
    private static final String SIGNALLED_BY_TRIGGER = "45000";
    private static final String CONNECTION_PREFIX = "^\\(conn=\\d+\\)\\s*";

    private SqlErrors() {}

    public static boolean isDuplicateKey(Throwable error) {
        return sqlException(error).map(e -> e.getErrorCode() == DUPLICATE_KEY).orElse(false);
    }

    /** InnoDB chose this transaction as a deadlock's victim and rolled it back: it may simply be run again. */
    public static boolean isDeadlock(Throwable error) {
        return sqlException(error).map(e -> e.getErrorCode() == DEADLOCK).orElse(false);
    }

    /**
     * The database could not be reached or the connection broke (SQLSTATE class 08, or no connection from the pool in
     * time): the request may succeed later, so it answers 503, not 500.
     */
    public static boolean isConnectionFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
            String type = cause.getClass().getName();
            if (type.equals("org.springframework.jdbc.CannotGetJdbcConnectionException")
                    || type.equals("org.springframework.transaction.CannotCreateTransactionException")) {
                return true;
            }
            // a rollback fails only on a broken connection, and nothing was committed; a failed commit is not
            // included: its outcome is unknown
            if (type.equals("org.springframework.transaction.TransactionSystemException")
                    && String.valueOf(cause.getMessage()).startsWith("JDBC rollback failed")) {
                return true;
            }
        }
        return false;
    }

    /** The MESSAGE_TEXT of a trigger's SIGNAL SQLSTATE '45000', if that is what failed. */
    public static Optional<String> signalledMessage(Throwable error) {
        return sqlException(error)
                .filter(e -> SIGNALLED_BY_TRIGGER.equals(e.getSQLState()))
                .map(e -> e.getMessage().replaceFirst(CONNECTION_PREFIX, ""));
    }

    private static Optional<SQLException> sqlException(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sqlException) {
                return Optional.of(sqlException);
            }
        }
        return Optional.empty();
    }
}
