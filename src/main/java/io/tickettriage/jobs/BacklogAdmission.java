package io.tickettriage.jobs;

import io.tickettriage.ticket.IntakeAdmission;

import org.springframework.stereotype.Component;

/** Admits new tickets while the unfinished jobs are below their bound ({@code TRIAGE_JOBS_MAX_PENDING}). */
@Component
class BacklogAdmission implements IntakeAdmission {

    private final JobQueue jobs;

    BacklogAdmission(JobQueue jobs) {
        this.jobs = jobs;
    }

    @Override
    public Decision admit(String requester) {
        return jobs.atCapacity() ? Decision.BACKLOG_FULL : Decision.ADMITTED;
    }
}
