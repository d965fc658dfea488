package io.tickettriage.system;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The role of this process ({@code TRIAGE_ROLE}) and, in the scale-out mode, its connection to Redis and what is shared
 * through it here (the creation rate limit's budgets).
 */
@Configuration(proxyBeanMethods = false)
class ScaleOutConfiguration {

    @Bean
    TriageRole triageRole(@Value("${triage.service.role:all}") String role) {
        return TriageRole.parse(role);
    }

    @Bean
    @ConditionalOnExpression(RedisConnections.CONFIGURED)
    RedisConnections redisConnections(ServiceProperties properties) {
        // from the checked settings, so that a malformed REDIS_URL is reported as such, not by the Redis client
        return new RedisConnections(properties.redisUrl().strip());
    }

    /** The creation rate limit's budgets: shared through Redis in the scale-out mode, else this process's own. */
    @Bean
    CreationBudgets creationBudgets(ServiceProperties properties, Clock clock,
            ObjectProvider<RedisConnections> redis) {
        RedisConnections connections = redis.getIfAvailable();
        return connections == null
                ? new LocalCreationBudgets(properties.rateLimitPerMinute(), clock)
                : new RedisCreationBudgets(connections, properties.rateLimitPerMinute(), clock);
    }

    @Bean
    @ConditionalOnExpression("'${triage.service.role:all}'.trim().equalsIgnoreCase('worker')")
    FilterRegistrationBean<WorkerRoleFilter> workerRoleFilter(ProblemWriter problems) {
        FilterRegistrationBean<WorkerRoleFilter> registration = new FilterRegistrationBean<>(
                new WorkerRoleFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
