/**
 * The shared kernel every module may use: configuration, the database and Redis connections, errors as problem
 * responses, the HTTP edge's filters and metrics. It uses no other module.
 */
@ApplicationModule(allowedDependencies = {})
package io.tickettriage.system;

import org.springframework.modulith.ApplicationModule;
