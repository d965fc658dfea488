package io.tickettriage.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tickettriage.ticket.IntakeAdmission;
import io.tickettriage.ticket.TicketManagement;

import org.springframework.stereotype.Component;

/**
 * Admits new tickets while the unfinished jobs are below their bound ({@code TRIAGE_JOBS_MAX_PENDING}), and while
 * the requester's own tickets waiting to be routed are below their share ({@code TRIAGE_JOBS_MAX_PENDING_PER_REQUESTER}),
 * so that one client cannot fill the backlog and have everyone else refused. A requester's count is asked of the
 * database only when the whole backlog is at least that large, and then at most once per refresh interval per
 * requester.
 */
@Component
class BacklogAdmission implements IntakeAdmission {

    private static final int MAX_TRACKED_REQUESTERS = 10_000;

    private final JobQueue jobs;
    private final TicketManagement tickets;
    private final long share;
    private final Map<String, Backlog> requesters = new ConcurrentHashMap<>();

    BacklogAdmission(JobQueue jobs, TicketManagement tickets, JobsProperties properties) {
        this.jobs = jobs;
        this.tickets = tickets;
        this.share = properties.maxPendingPerRequester();
    }

    @Override
    public Decision admit(String requester) {
        if (jobs.atCapacity()) {
            return Decision.BACKLOG_FULL;
        }
        long waiting = jobs.lastCount();
        if (share <= 0 || waiting >= 0 && waiting < share) {
            return Decision.ADMITTED;
        }
        if (requesters.size() > MAX_TRACKED_REQUESTERS) {
            requesters.clear();
        }
        Backlog own = requesters.computeIfAbsent(requester, name -> new Backlog(
                () -> tickets.pendingCount(name), share, Backlog.REFRESH_INTERVAL, false));
        return own.full() ? Decision.REQUESTER_SHARE_FULL : Decision.ADMITTED;
    }
}
