package io.tickettriage.mail;

import java.time.Duration;

import io.tickettriage.system.InvalidSettingException;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the e-mail channel ({@code TRIAGE_MAIL_*}).
 *
 * @param imapUrl        the support mailbox, {@code imap://user:password@host:143/INBOX} or {@code imaps://...};
 *                       unset, the channel is off. User and password are URL-encoded ({@code %40} for an {@code @})
 * @param smtpUrl        where notifications are sent, {@code smtp://user:password@host:25} or {@code smtps://...};
 *                       STARTTLS is used when the server offers it. Unset, no mail is sent
 * @param from           the address notifications come from, and the mailbox's own address: mail from it is never
 *                       taken in. Required to send
 * @param pollInterval   how often the mailbox is looked at for new messages
 * @param retryMaxWait   longest wait between two attempts to reach a mailbox that failed; waits start at one second
 *                       and double
 * @param timeout        connection and read time-out of the IMAP and SMTP servers
 * @param maxMessageSize a larger message is not taken in (it stays in the mailbox, flagged, and the log says so)
 * @param maxTicketsPerSenderPerHour new tickets one address may open in an hour; further new mail from it is
 *                       recorded as throttled and not taken in (replies to its tickets still are), so that one
 *                       runaway sender cannot flood the queue
 * @param batchSize      messages taken in per look at the mailbox before it is looked at again
 * @param idle           wait for new mail in IMAP IDLE when the server offers it, so that it is taken in at once;
 *                       false, or a server without IDLE: the mailbox is polled every {@code pollInterval}
 * @param idleRenewal    longest wait in one IDLE before it is ended and the mailbox looked at (NATs and firewalls
 *                       drop connections that stay quiet for minutes without telling either end)
 * @param oauth2TokenFile a file holding an OAuth2 access token for the mailbox (Microsoft 365, Gmail): the login uses
 *                       SASL XOAUTH2 with the URL's user and this token instead of a password; read at every login,
 *                       so that whatever refreshes the token can rewrite the file
 * @param oauth2TokenCommand a command (run with {@code /bin/sh -c}) that prints an OAuth2 access token for the
 *                       mailbox, run at every login; instead of {@code oauth2TokenFile}
 */
@ConfigurationProperties("triage.mail")
@Validated
record MailProperties(
        @Nullable String imapUrl,
        @Nullable String smtpUrl,
        @Nullable String from,
        @DefaultValue("30s") @DurationMin(inclusive = false) Duration pollInterval,
        @DefaultValue("5m") @DurationMin(seconds = 1) Duration retryMaxWait,
        @DefaultValue("30s") @DurationMin(inclusive = false) Duration timeout,
        @DefaultValue("10MB") DataSize maxMessageSize,
        @DefaultValue("20") @Min(1) int maxTicketsPerSenderPerHour,
        @DefaultValue("200") @Min(1) int batchSize,
        @DefaultValue("true") boolean idle,
        @DefaultValue("4m") @DurationMin(inclusive = false) Duration idleRenewal,
        @Nullable String oauth2TokenFile,
        @Nullable String oauth2TokenCommand) {

    boolean intakeEnabled() {
        return imapUrl != null && !imapUrl.isBlank();
    }

    boolean sendingEnabled() {
        return smtpUrl != null && !smtpUrl.isBlank() && from != null && !from.isBlank();
    }

    /** The bare address of {@link #from()} ({@code support@example.com} of {@code Support <support@example.com>}). */
    @Nullable String fromAddress() {
        if (from == null || from.isBlank()) {
            return null;
        }
        try {
            return new jakarta.mail.internet.InternetAddress(from.strip()).getAddress().toLowerCase(java.util.Locale.ROOT);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new InvalidSettingException("TRIAGE_MAIL_FROM is not an e-mail address: " + from);
        }
    }

    /** How long a poller owns the mailbox once it took it; another process may take it over past that. */
    Duration lease() {
        return timeout.multipliedBy(4).plus(pollInterval);
    }
}
