package io.tickettriage.system;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;

/**
 * Reports a setting that names no choice ({@code TRIAGE_AUTH=bogus}, {@code TRIAGE_LLM_MODE=sometimes}) by the name
 * the operator set and the choices there are, where Spring's own report names the Java type and says "No enum
 * constant io.tickettriage.access.AccessProperties.AuthMode.bogus".
 */
class EnumSettingFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
        ConfigurationProperty property = cause.getProperty();
        if (conversion == null || property == null || !conversion.getTargetType().getType().isEnum()) {
            return null;
        }
        String choices = Arrays.stream(conversion.getTargetType().getType().getEnumConstants())
                .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
        return new FailureAnalysis(String.format("%s is '%s', which is none of: %s", name(property),
                property.getValue(), choices), "Set it to one of those, or unset it to take its default. Every setting "
                + "is described in docs/configuration.md.", cause);
    }

    /** The name the operator gave (the environment variable, or the setting as a file has it), and the setting's. */
    private static String name(ConfigurationProperty property) {
        String setting = property.getName().toString();
        String given = given(property.getOrigin());
        return given == null || given.equals(setting) ? setting : given + " (" + setting + ")";
    }

    private static @Nullable String given(@Nullable Origin origin) {
        if (origin instanceof SystemEnvironmentOrigin environment) {
            return environment.getProperty();
        }
        if (origin instanceof PropertySourceOrigin source) {
            String inner = given(source.getOrigin());
            return inner != null ? inner : source.getPropertyName();
        }
        return origin == null ? null : given(origin.getParent());
    }

    @Override
    public int getOrder() {
        // before Spring Boot's analyzer of binding failures, which would report it first
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
