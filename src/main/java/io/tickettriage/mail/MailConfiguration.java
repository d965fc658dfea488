package io.tickettriage.mail;

import java.time.Clock;

import jakarta.mail.MessagingException;

import io.tickettriage.system.ChannelStatus;
import io.tickettriage.system.InvalidSettingException;
import io.tickettriage.system.TriageRole;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The channel's parts that depend on its settings. The settings are checked at start, so that a typo in a URL stops
 * the start with its reason instead of failing at the first mail.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

    static final String INTAKE_ENABLED = "'${triage.mail.imap-url:}'.trim() != ''";
    static final String SENDING_ENABLED = "'${triage.mail.smtp-url:}'.trim() != ''";
    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean
    @ConditionalOnExpression(SENDING_ENABLED)
    MailSender mailSender(MailProperties properties) throws MessagingException {
        MailUrl server = MailUrl.smtp(properties.smtpUrl(), "TRIAGE_MAIL_SMTP_URL");
        if (properties.fromAddress() == null) {
            throw new InvalidSettingException("TRIAGE_MAIL_SMTP_URL is set but TRIAGE_MAIL_FROM is not: "
                    + "notifications need the address they come from");
        }
        log.info("Notifications to requesters are sent through {} from {}", server, properties.from());
        return new MailSender(server, properties.from(), properties.timeout().toMillis());
    }

    @Bean
    @ConditionalOnExpression(INTAKE_ENABLED)
    MailHealth mailHealthIndicator(MailProperties properties, Clock clock, TriageRole role, ChannelStatus shared) {
        return new MailHealth(mailbox(properties).toString(), clock, role.runsWorkers(), shared);
    }

    @Bean
    @ConditionalOnExpression(INTAKE_ENABLED)
    MailboxPoller mailboxPoller(MailProperties properties, MailIntake intake, MailStore store,
            MailHealth health, MailMetrics metrics, Clock clock, TriageRole role) {
        if (!role.runsWorkers()) {
            log.info("The mailbox is polled by worker processes, not by this one (TRIAGE_ROLE=api)");
        }
        if (properties.smtpUrl() == null || properties.smtpUrl().isBlank()) {
            log.warn("TRIAGE_MAIL_SMTP_URL is not set: mail is taken in, but requesters are not notified");
        }
        return new MailboxPoller(mailbox(properties), properties, intake, store, health, metrics, clock,
                role.runsWorkers());
    }

    private static MailUrl mailbox(MailProperties properties) {
        return MailUrl.imap(properties.imapUrl(), "TRIAGE_MAIL_IMAP_URL");
    }
}
