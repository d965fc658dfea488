package io.tickettriage.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** Every connector by name, configured or not. */
@Component
class ConnectorRegistry {

    private final Map<String, HelpdeskConnector> connectors;

    ConnectorRegistry(List<HelpdeskConnector> connectors) {
        this.connectors = connectors.stream().collect(Collectors.toUnmodifiableMap(HelpdeskConnector::name,
                Function.identity(), (a, b) -> {
                    throw new IllegalStateException("Two connectors are named " + a.name());
                }));
    }

    Optional<HelpdeskConnector> find(String name) {
        return Optional.ofNullable(connectors.get(name));
    }

    /** Whether tickets of this channel come from a connector. */
    boolean isConnectorChannel(String channel) {
        return connectors.containsKey(channel);
    }

    List<HelpdeskConnector> all() {
        return connectors.values().stream().sorted(java.util.Comparator.comparing(HelpdeskConnector::name)).toList();
    }

    List<HelpdeskConnector> enabled() {
        return all().stream().filter(HelpdeskConnector::enabled).toList();
    }
}
