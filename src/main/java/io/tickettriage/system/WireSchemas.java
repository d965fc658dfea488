package io.tickettriage.system;

import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes /openapi.json describe the JSON as it travels, so that clients can generate their types from it (the
 * dashboard does): snake_case names, every field of a response present, {@code null} allowed exactly where the
 * record component is {@code @Nullable}. springdoc reads models with its own Jackson 2 mapper, which sees neither
 * the application's Jackson 3 naming strategy nor JSpecify annotations.
 */
@Configuration(proxyBeanMethods = false)
// the commands (token, import, eval) start without a web server, and so without springdoc
@ConditionalOnWebApplication
class WireSchemas {

    /** Replaces springdoc's own resolver (it keeps one per class), with the naming strategy of application.yml. */
    @Bean
    ModelResolver snakeCaseModelResolver(ObjectMapperProvider mappers) {
        return new ModelResolver(mappers.jsonMapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)).openapi31(mappers.isOpenapi31());
    }

    @Bean
    ModelConverter recordFieldsRequired() {
        return new RecordFields();
    }

    /**
     * A request's {@code @Nullable} fields may be left out: they are optional in a request body, while a response
     * always carries them (as {@code null}).
     */
    @Bean
    OpenApiCustomizer nullableRequestFieldsOptional() {
        return api -> {
            Components components = api.getComponents();
            if (components == null || components.getSchemas() == null) {
                return;
            }
            for (String name : requestBodySchemas(api)) {
                Schema<?> schema = components.getSchemas().get(name);
                if (schema == null || schema.getRequired() == null || schema.getProperties() == null) {
                    continue;
                }
                schema.getRequired().removeIf(field -> allowsNull(schema.getProperties().get(field)));
                if (schema.getRequired().isEmpty()) {
                    schema.setRequired(null);
                }
            }
        };
    }

    private static Set<String> requestBodySchemas(OpenAPI api) {
        Set<String> names = new HashSet<>();
        if (api.getPaths() == null) {
            return names;
        }
        api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                return;
            }
            for (MediaType media : operation.getRequestBody().getContent().values()) {
                String ref = media.getSchema() == null ? null : media.getSchema().get$ref();
                if (ref != null) {
                    names.add(ref.substring(ref.lastIndexOf('/') + 1));
                }
            }
        }));
        return names;
    }

    private static boolean allowsNull(@Nullable Schema<?> property) {
        if (property == null) {
            return false;
        }
        if (property.getTypes() != null && property.getTypes().contains("null")) {
            return true;
        }
        return property.getAnyOf() != null && property.getAnyOf().stream().anyMatch(WireSchemas::allowsNull);
    }

    /** Marks every component of a record as required, and its {@code @Nullable} ones as allowing null. */
    static final class RecordFields implements ModelConverter {

        @Override
        public @Nullable Schema<?> resolve(AnnotatedType type, ModelConverterContext context,
                Iterator<ModelConverter> chain) {
            Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
            if (resolved == null) {
                return null;
            }
            Class<?> raw = TypeFactory.createDefaultInstance().constructType(type.getType()).getRawClass();
            if (raw == null || !raw.isRecord()) {
                return resolved;
            }
            Schema<?> model = resolved;
            if (resolved.get$ref() != null) {
                String ref = resolved.get$ref();
                model = context.getDefinedModels().get(ref.substring(ref.lastIndexOf('/') + 1));
            }
            if (model != null && model.getProperties() != null) {
                describe(raw, model);
            }
            return resolved;
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private static void describe(Class<?> record, Schema<?> model) {
            Map<String, Schema> properties = model.getProperties();
            for (RecordComponent component : record.getRecordComponents()) {
                String name = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component.getName());
                Schema property = properties.get(name);
                if (property == null) {
                    continue;
                }
                if (component.getAnnotatedType().isAnnotationPresent(Nullable.class) && !allowsNull(property)) {
                    properties.put(name, orNull(property));
                }
                if (model.getRequired() == null || !model.getRequired().contains(name)) {
                    model.addRequiredItem(name);
                }
            }
        }

        @SuppressWarnings("rawtypes")
        private static Schema orNull(Schema property) {
            if (property.get$ref() != null) {
                return new JsonSchema().anyOf(List.of(new JsonSchema().$ref(property.get$ref()),
                        new JsonSchema().typesItem("null")));
            }
            if (property.getTypes() == null && property.getType() != null) {
                property.typesItem(property.getType());
            }
            // an enum lists every value allowed, so null joins the list as well as the types
            if (property.getEnum() != null && !property.getEnum().contains(null)) {
                property.getEnum().add(null);
            }
            return property.typesItem("null");
        }
    }
}
