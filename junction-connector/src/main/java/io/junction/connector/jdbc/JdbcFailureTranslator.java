package io.junction.connector.jdbc;

import io.junction.connector.SourceConfig;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Pattern;

/**
 * Turns a driver's SQLException into a {@link JunctionException} that names the source and says what
 * failed, never showing the source's password.
 */
public class JdbcFailureTranslator {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    private final SourceConfig config;
    private final String location;
    private final boolean serverBased;

    /**
     * @param location    where the source lives as shown in messages (URL or file path)
     * @param serverBased whether the source is a server that authenticates logins (false for embedded files)
     */
    public JdbcFailureTranslator(SourceConfig config, String location, boolean serverBased) {
        this.config = config;
        this.location = location;
        this.serverBased = serverBased;
    }

    /** A failure to obtain a connection: the source is unreachable, or it refused the login. */
    public JunctionException connectFailure(SQLException e) {
        String reason = scrub(e.getMessage());
        if (isPoolTimeout(e)) {
            return new JunctionException(ErrorCode.SOURCE_UNREACHABLE, prefix() + " gave no connection in time at "
                    + maskedLocation() + ": " + reason + "; the source is slow to answer or all connections are busy"
                    + " (raise the option pool_size or connect_timeout_seconds)", e);
        }
        if (isUnreachable(e) || !serverBased) {
            return new JunctionException(ErrorCode.SOURCE_UNREACHABLE, prefix() + " is unreachable at " + maskedLocation() + ": "
                    + reason, e);
        }
        // The server answered but would not let us in: wrong user, password or database.
        return new JunctionException(ErrorCode.SOURCE_AUTH_FAILED, prefix() + " refused the login of user '" + config.user()
                + "' at " + maskedLocation() + ": " + reason + " (SQLSTATE " + e.getSQLState()
                + "); check user, password and database in the source's settings", e);
    }

    /** A failure while running or reading {@code sql}. */
    public JunctionException queryFailure(SQLException e, String sql) {
        if (isUnreachable(e)) {
            return new JunctionException(ErrorCode.SOURCE_UNREACHABLE, prefix() + " became unreachable at " + maskedLocation()
                    + " while running the query: " + scrub(e.getMessage()) + "; statement: " + sql, e);
        }
        return new JunctionException(queryErrorCode(e.getSQLState()), prefix() + " failed to run a query: " + scrub(e.getMessage())
                + " (SQLSTATE " + e.getSQLState() + "); statement: " + sql, e);
    }

    /**
     * A data error the source raised while computing pushed-down work keeps its meaning, so that a query fails
     * with the same SQLSTATE whether Junction's engine or the source computed it; anything else is a source failure.
     */
    private static ErrorCode queryErrorCode(String sqlState) {
        if (sqlState == null) {
            return ErrorCode.SOURCE_QUERY_FAILED;
        }
        return switch (sqlState) {
            case "22012" -> ErrorCode.DIVISION_BY_ZERO;
            case "22003" -> ErrorCode.NUMERIC_OVERFLOW;
            case "21000" -> ErrorCode.CARDINALITY_VIOLATION;
            case "22018", "22P02" -> ErrorCode.INVALID_CAST;
            default -> ErrorCode.SOURCE_QUERY_FAILED;
        };
    }

    /** A failure while reading the source's catalog (schemas, tables, columns). */
    public JunctionException metadataFailure(SQLException e, String what) {
        if (isUnreachable(e)) {
            return connectFailure(e);
        }
        return new JunctionException(ErrorCode.SOURCE_QUERY_FAILED, prefix() + " failed to list " + what + ": "
                + scrub(e.getMessage()) + " (SQLSTATE " + e.getSQLState() + ")", e);
    }

    /** "source 'pg' (postgresql)": how every message about this source begins. */
    public String prefix() {
        return "source '" + config.name() + "' (" + config.type().configName() + ")";
    }

    public String maskedLocation() {
        return mask(location);
    }

    /** Whether the failure means the source could not be reached at all (network, refused, closed). */
    protected boolean isUnreachable(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPoolTimeout(SQLException e) {
        return e instanceof SQLTransientConnectionException && e.getCause() == null;
    }

    private String scrub(String message) {
        if (message == null) {
            return "(no message from the driver)";
        }
        String masked = mask(message);
        String password = config.password();
        if (password != null && password.length() >= 3) {
            masked = masked.replace(password, "***");
        }
        return masked;
    }

    private static String mask(String text) {
        if (text == null) {
            return null;
        }
        return URL_USER_INFO.matcher(URL_PASSWORD.matcher(text).replaceAll("$1***")).replaceAll("$1***@");
    }
}
