package dev.gatewaystack.gateway.render.openapi;

import dev.gatewaystack.route.model.SchemaSpec;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the manifest's {@link SchemaSpec}s into OpenAPI 3.1 (JSON Schema 2020-12) schemas. Named records and enums
 * become components ({@code #/components/schemas/<name>}) referenced by {@code $ref}; two different types with the
 * same simple name are an error rather than one silently replacing the other.
 */
final class Schemas {
    private final Map<String, Schema<?>> components = new LinkedHashMap<>();
    private final Map<String, SchemaSpec> sources = new LinkedHashMap<>();

    Map<String, Schema<?>> components() {
        return components;
    }

    /** The schema to put where a body is, registering named types as components. */
    Schema<?> of(SchemaSpec spec) {
        if (spec.name() != null) {
            register(spec);
            Schema<?> ref = new JsonSchema().$ref("#/components/schemas/" + spec.name());
            return spec.acceptsNull() ? new JsonSchema().oneOf(List.of(ref, new JsonSchema().types(Set.of("null")))) : ref;
        }
        return inline(spec);
    }

    private void register(SchemaSpec spec) {
        SchemaSpec known = sources.get(spec.name());
        SchemaSpec plain = withoutNull(spec);
        if (known != null) {
            if (!known.equals(plain)) {
                throw new IllegalStateException("two different body types are both named " + spec.name()
                        + " in the API description; rename one of them");
            }
            return;
        }
        sources.put(spec.name(), plain);
        components.put(spec.name(), null); // reserve the slot: nested types register while this one is built
        components.put(spec.name(), inline(plain));
    }

    private Schema<?> inline(SchemaSpec spec) {
        JsonSchema s = new JsonSchema();
        Set<String> types = new LinkedHashSet<>();
        types.add(spec.type());
        if (spec.acceptsNull()) {
            types.add("null");
        }
        s.types(types);
        if (spec.format() != null) {
            s.format(spec.format());
        }
        if (spec.enumValues() != null) {
            List<Object> values = new java.util.ArrayList<>(spec.enumValues());
            if (spec.acceptsNull()) {
                values.add(null);
            }
            s.setEnum(values);
        }
        if (spec.items() != null) {
            s.items(of(spec.items()));
        }
        if (spec.properties() != null) {
            Map<String, Schema> properties = new LinkedHashMap<>();
            spec.properties().forEach((name, p) -> properties.put(name, of(p)));
            s.properties(properties);
            s.required(spec.required());
            s.additionalProperties(Boolean.FALSE);
        }
        return s;
    }

    private static SchemaSpec withoutNull(SchemaSpec s) {
        return new SchemaSpec(s.name(), s.type(), s.format(), s.enumValues(), s.items(), s.properties(), s.required(),
                null);
    }
}
