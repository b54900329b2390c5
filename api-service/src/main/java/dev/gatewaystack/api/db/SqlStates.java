package dev.gatewaystack.api.db;

import java.sql.SQLException;

/** PostgreSQL error codes the service reacts to, found anywhere in an exception's cause chain. */
public final class SqlStates {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String NUMERIC_OUT_OF_RANGE = "22003";

    private SqlStates() {
    }

    /**
     * The SQLSTATE when {@code e} is a data error: class 22 (data exception: out of range, invalid text, ...) or 23
     * (integrity constraint violation). Retrying the same statement with the same data fails the same way; other
     * classes (connection, serialization, lock, resources) may pass on a retry. Null when it is not a data error.
     */
    public static String dataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    public static boolean is(Throwable e, String sqlState) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
