/**
 * The e-mail channel: a support mailbox polled over IMAP, each new message a ticket and each reply a public comment
 * on its ticket; notifications to requesters over SMTP, sent by durable jobs. Off while {@code TRIAGE_MAIL_IMAP_URL}
 * is unset. A message is flagged in the mailbox only after its ticket or comment is committed, and its Message-ID,
 * stored in that same transaction, keeps it from being taken twice.
 */
@ApplicationModule(allowedDependencies = {"access", "comment", "jobs", "system", "ticket"})
package io.tickettriage.mail;

import org.springframework.modulith.ApplicationModule;
