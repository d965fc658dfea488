package io.tickettriage.mail;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import io.tickettriage.system.InvalidSettingException;

import org.jspecify.annotations.Nullable;

/**
 * A mail server's address as the settings give it ({@code imap://user:password@host:143/INBOX}), with the Jakarta
 * Mail session properties that reach it. The password is never part of {@link #toString()}, which logs use.
 */
record MailUrl(String protocol, String host, int port, @Nullable String user, @Nullable String password,
        @Nullable String folder) {

    /** A mailbox's address ({@code TRIAGE_MAIL_IMAP_URL}): {@code imap://} or {@code imaps://}. */
    static MailUrl imap(String value, String setting) {
        return parse(value, setting, Set.of("imap", "imaps"),
                "imap:// or imaps://, e.g. imaps://user:password@mail.example.com/INBOX");
    }

    /** An outgoing server's address ({@code TRIAGE_MAIL_SMTP_URL}): {@code smtp://} or {@code smtps://}. */
    static MailUrl smtp(String value, String setting) {
        return parse(value, setting, Set.of("smtp", "smtps"),
                "smtp:// or smtps://, e.g. smtps://user:password@mail.example.com");
    }

    private static MailUrl parse(String value, String setting, Set<String> protocols, String expected) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(setting + " is not a valid URL: " + e.getReason() + " at character "
                    + (e.getIndex() + 1));
        }
        String protocol = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!protocols.contains(protocol)) {
            throw new InvalidSettingException(setting + " must start with " + expected);
        }
        if (uri.getHost() == null) {
            throw new InvalidSettingException(setting + " names no host");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : switch (protocol) {
            case "imap" -> 143;
            case "imaps" -> 993;
            case "smtps" -> 465;
            default -> 25;
        };
        String path = uri.getRawPath() == null ? "" : decode(uri.getRawPath());
        String folder = path.isBlank() || path.equals("/") ? null : path.substring(1);
        return new MailUrl(protocol, uri.getHost(), port, user, password, folder);
    }

    boolean isImap() {
        return protocol.startsWith("imap");
    }

    String folderOrInbox() {
        return folder == null ? "INBOX" : folder;
    }

    /** Session properties for this server: time-outs, TLS as the URL says, STARTTLS when offered. */
    Properties sessionProperties(long timeoutMillis) {
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.put(prefix + "host", host);
        properties.put(prefix + "port", String.valueOf(port));
        properties.put(prefix + "connectiontimeout", String.valueOf(timeoutMillis));
        properties.put(prefix + "timeout", String.valueOf(timeoutMillis));
        properties.put(prefix + "writetimeout", String.valueOf(timeoutMillis));
        if (protocol.endsWith("s")) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        } else {
            properties.put(prefix + "starttls.enable", "true");
        }
        if (isImap()) {
            // Reading a message must not mark it seen: it is flagged only once its ticket is committed.
            properties.put(prefix + "peek", "true");
        } else if (user != null) {
            properties.put(prefix + "auth", "true");
        }
        return properties;
    }

    @Override
    public String toString() {
        return protocol + "://" + (user == null ? "" : user + "@") + host + ":" + port
                + (folder == null ? "" : "/" + folder);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
