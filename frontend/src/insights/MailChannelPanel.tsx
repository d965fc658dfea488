import { api } from '../api/client';
import { formatDate } from '../ui/format';
import { useLoadPerPeriod } from './useLoadPerPeriod';

/** As the worker that polls the mailbox recorded it: every server process gives the same state. */
const CHANNEL: Record<string, string> = {
  up: 'reachable',
  down: 'cannot be reached: mail waits in the mailbox',
  'not-polled': 'not looked at yet by a worker process',
};

/**
 * The e-mail channel over the chosen period: mail taken in, what it became, and notifications sent. Shown only when a
 * mailbox is connected; counted by the server from its database, so every process shows the same figures.
 */
export function MailChannelPanel({ days }: { days: number }) {
  const load = useLoadPerPeriod(days, api.mailStatus, 'The e-mail figures could not be loaded.');

  if (!load) return null;
  if ('failed' in load) {
    return (
      <p className="subtle" role="alert">
        E-mail channel: {load.failed}
      </p>
    );
  }
  const mail = load.value;
  if (!mail.enabled) return null;
  const rows: [string, number][] = [
    ['Messages received', mail.received],
    ['Tickets created', mail.tickets_created],
    ['Replies added as comments', mail.replies_threaded],
    ['Set aside (auto-replies, throttled, unreadable)', mail.set_aside],
    ['Notifications sent', mail.mails_sent],
    ['Notifications waiting', mail.mails_waiting],
    ['Notifications failed', mail.mails_failed],
  ];
  return (
    <section className="panel" aria-labelledby="mail-heading" data-testid="mail-channel">
      <h2 id="mail-heading">E-mail channel</h2>
      <p className="subtle">
        {mail.mailbox}: {CHANNEL[mail.channel ?? ''] ?? mail.channel}
        {mail.watch === 'idle' && ', new mail arrives at once (IMAP IDLE)'}
        {mail.watch === 'poll' && ', new mail is polled for'}
        {mail.last_poll && ` (last looked at ${formatDate(mail.last_poll)})`}
        {!mail.sending && '. Requesters are not notified: no SMTP server is set'}
      </p>
      {mail.error && (
        <p className="mail-error" data-testid="mail-error">
          Last error: {mail.error}
        </p>
      )}
      <div className="table-scroll">
        <table className="data">
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
            {mail.rejected > 0 && (
              <tr>
                <th scope="row">of which could not be read or were too large</th>
                <td>{mail.rejected}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
