package io.tickettriage.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A database location as users write it in {@code DATABASE_URL}: the original design's
 * {@code sqlite:///./tickets.db} and {@code postgresql://user:pass@host:5432/db} forms, or a plain JDBC URL.
 */
public record DatabaseUrl(Vendor vendor, String jdbcUrl, String username, String password) {

    public enum Vendor {
        SQLITE, POSTGRESQL;

        public String migrationFolder() {
            return name().toLowerCase();
        }
    }

    public static final String DEFAULT = "sqlite:///./tickets.db";

    /** Pragmas that make SQLite a good server database: concurrent readers, bounded lock waits, enforced keys. */
    static final String SQLITE_OPTIONS =
            "journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000&foreign_keys=true&transaction_mode=IMMEDIATE";

    public static DatabaseUrl parse(String value) {
        String url = value == null || value.isBlank() ? DEFAULT : value.trim();
        if (url.startsWith("jdbc:sqlite:")) {
            return sqlite(url.substring("jdbc:sqlite:".length()));
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(Vendor.POSTGRESQL, url, null, null);
        }
        if (url.startsWith("sqlite:")) {
            return sqlite(sqlitePath(url));
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return postgres(url);
        }
        throw new InvalidSettingException("DATABASE_URL must start with sqlite://, postgresql:// or jdbc: but was '"
                + redact(url) + "'");
    }

    /** {@code sqlite:///relative.db} names a relative path, {@code sqlite:////abs/path.db} an absolute one. */
    private static String sqlitePath(String url) {
        String rest = url.substring("sqlite:".length());
        if (rest.startsWith("///")) {
            return rest.substring(3);
        }
        if (rest.startsWith("//")) {
            return rest.substring(2);
        }
        return rest;
    }

    private static DatabaseUrl sqlite(String pathAndOptions) {
        if (pathAndOptions.isBlank()) {
            throw new InvalidSettingException("DATABASE_URL names no SQLite file");
        }
        // The defaults come first so that options in the URL (busy_timeout=2000, say) override them.
        int query = pathAndOptions.indexOf('?');
        String path = query < 0 ? pathAndOptions : pathAndOptions.substring(0, query);
        String options = query < 0 ? "" : pathAndOptions.substring(query + 1);
        return new DatabaseUrl(Vendor.SQLITE,
                "jdbc:sqlite:" + path + "?" + SQLITE_OPTIONS + (options.isEmpty() ? "" : "&" + options), null, null);
    }

    private static DatabaseUrl postgres(String url) {
        try {
            URI uri = new URI(url);
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            int port = uri.getPort() == -1 ? 5432 : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new DatabaseUrl(Vendor.POSTGRESQL,
                    "jdbc:postgresql://" + uri.getHost() + ":" + port + path + query, user, password);
        } catch (URISyntaxException | RuntimeException e) {
            throw new InvalidSettingException("DATABASE_URL is not a valid PostgreSQL URL: '" + redact(url) + "'");
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** Hides a password so that a URL can be logged or shown in an error. */
    public static String redact(String url) {
        return url.replaceAll("//([^:/@]+):([^@]*)@", "//$1:***@");
    }

    @Override
    public String toString() {
        return vendor + " " + redact(jdbcUrl);
    }
}
