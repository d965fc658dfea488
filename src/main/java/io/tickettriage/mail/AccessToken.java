package io.tickettriage.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.tickettriage.system.InvalidSettingException;
import jakarta.mail.MessagingException;

import org.jspecify.annotations.Nullable;

/**
 * The OAuth2 access token the mailbox login presents instead of a password (SASL XOAUTH2: Microsoft 365, Gmail),
 * from a file or from a command's output, read again at every login, so that whatever refreshes it (a sidecar, a cron
 * job, the command itself) is picked up without a restart. The product does not run the OAuth2 flow: tokens expire
 * within about an hour, and refreshing them needs the provider's client registration, which belongs to the tool that
 * writes the file or answers the command. The token is never logged.
 */
final class AccessToken {

    private final @Nullable Path file;
    private final @Nullable String command;
    private final Duration timeout;

    private AccessToken(@Nullable Path file, @Nullable String command, Duration timeout) {
        this.file = file;
        this.command = command;
        this.timeout = timeout;
    }

    /** The token source the settings name, or null when the mailbox logs in with its password. */
    static @Nullable AccessToken of(MailProperties properties) {
        boolean fromFile = properties.oauth2TokenFile() != null && !properties.oauth2TokenFile().isBlank();
        boolean fromCommand = properties.oauth2TokenCommand() != null && !properties.oauth2TokenCommand().isBlank();
        if (fromFile && fromCommand) {
            throw new InvalidSettingException("TRIAGE_MAIL_OAUTH2_TOKEN_FILE and TRIAGE_MAIL_OAUTH2_TOKEN_COMMAND are "
                    + "both set: the access token comes from one of them");
        }
        if (fromFile) {
            return new AccessToken(Path.of(properties.oauth2TokenFile().strip()), null, properties.timeout());
        }
        return fromCommand ? new AccessToken(null, properties.oauth2TokenCommand().strip(), properties.timeout()) : null;
    }

    /** Where the token comes from, for log lines and errors. */
    String source() {
        return file != null ? "TRIAGE_MAIL_OAUTH2_TOKEN_FILE (" + file + ")" : "TRIAGE_MAIL_OAUTH2_TOKEN_COMMAND";
    }

    String read() throws MessagingException {
        String token;
        try {
            token = file != null ? Files.readString(file, StandardCharsets.UTF_8) : run();
        } catch (IOException e) {
            throw new MessagingException("cannot read the access token from " + source() + ": " + e);
        }
        token = token.strip();
        if (token.isEmpty()) {
            throw new MessagingException(source() + " gave an empty access token");
        }
        return token;
    }

    private String run() throws IOException, MessagingException {
        // the command's errors go to this process's own output, where the log is
        Process process = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new MessagingException(source() + " did not answer within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MessagingException(source() + " was interrupted");
        }
        if (process.exitValue() != 0) {
            throw new MessagingException(source() + " exited with status " + process.exitValue());
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
