package io.tickettriage.assignment;

import java.util.Optional;

import io.tickettriage.ticket.AssigneeCheck;

import org.springframework.stereotype.Component;

/** Tickets are assigned by hand to agents who have a profile. */
@Component
class AgentDirectory implements AssigneeCheck {

    private final AgentStore agents;

    AgentDirectory(AgentStore agents) {
        this.agents = agents;
    }

    @Override
    public Optional<String> refusal(String name) {
        return agents.find(name).isPresent() ? Optional.empty()
                : Optional.of("No agent named '" + name + "'; an admin adds them with PUT /agents/{name}");
    }
}
