package dev.gatewaystack.api.db;

import java.sql.SQLException;

/** PostgreSQL error codes the service reacts to, found anywhere in an exception's cause chain. */
public final class SqlStates {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String NUMERIC_OUT_OF_RANGE = "22003";

    private SqlStates() {
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
