package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.model.SchemaSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * JSON Schemas of {@code @Body} types, derived from the Java types at compile time (so the manifest carries them
 * and the gateway build needs no service classes). Unsupported types are collected as errors, not guessed.
 */
final class BodySchemas {
    private static final Map<String, SchemaSpec> SCALARS = Map.ofEntries(
            Map.entry("java.lang.String", SchemaSpec.scalar("string", null)),
            Map.entry("java.util.UUID", SchemaSpec.scalar("string", "uuid")),
            Map.entry("java.time.LocalDate", SchemaSpec.scalar("string", "date")),
            Map.entry("java.time.Instant", SchemaSpec.scalar("string", "date-time")),
            Map.entry("java.time.OffsetDateTime", SchemaSpec.scalar("string", "date-time")),
            Map.entry("java.lang.Boolean", SchemaSpec.scalar("boolean", null)),
            Map.entry("java.lang.Integer", SchemaSpec.scalar("integer", "int32")),
            Map.entry("java.lang.Long", SchemaSpec.scalar("integer", "int64")),
            Map.entry("java.lang.Double", SchemaSpec.scalar("number", "double")),
            Map.entry("java.math.BigDecimal", SchemaSpec.scalar("number", null)),
            Map.entry("boolean", SchemaSpec.scalar("boolean", null)),
            Map.entry("int", SchemaSpec.scalar("integer", "int32")),
            Map.entry("long", SchemaSpec.scalar("integer", "int64")),
            Map.entry("double", SchemaSpec.scalar("number", "double")));
    private static final Set<String> COLLECTIONS = Set.of("java.util.List", "java.util.Set", "java.util.Collection");
    private static final String OPTIONAL = "java.util.Optional";

    private final List<String> errors = new ArrayList<>();
    private final Set<String> inProgress = new HashSet<>();

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** The schema of {@code type}, or null (with an error) when it cannot be described. */
    SchemaSpec of(TypeMirror type) {
        String name = erasure(type);
        SchemaSpec scalar = SCALARS.get(name);
        if (scalar != null) {
            return scalar;
        }
        if (!(type instanceof DeclaredType declared)) {
            return unsupported(name);
        }
        if (COLLECTIONS.contains(name) && declared.getTypeArguments().size() == 1) {
            SchemaSpec items = of(declared.getTypeArguments().getFirst());
            return items == null ? null : SchemaSpec.array(items);
        }
        Element element = declared.asElement();
        if (element.getKind() == ElementKind.ENUM) {
            List<String> constants = element.getEnclosedElements().stream()
                    .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
                    .map(e -> e.getSimpleName().toString()).toList();
            return new SchemaSpec(element.getSimpleName().toString(), "string", null, constants, null, null, null, null);
        }
        if (element.getKind() == ElementKind.RECORD) {
            return record((TypeElement) element, name);
        }
        return unsupported(name);
    }

    private SchemaSpec record(TypeElement record, String name) {
        if (!inProgress.add(name)) {
            errors.add(name + " refers to itself; a body type must be a tree of records");
            return null;
        }
        Map<String, SchemaSpec> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponentElement c : record.getRecordComponents()) {
            TypeMirror t = c.asType();
            boolean optional = erasure(t).equals(OPTIONAL);
            if (optional) {
                t = ((DeclaredType) t).getTypeArguments().getFirst();
            }
            SchemaSpec s = of(t);
            if (s != null) {
                properties.put(c.getSimpleName().toString(), optional || t.getKind().isPrimitive() ? s : s.orNull());
                if (!optional) {
                    required.add(c.getSimpleName().toString());
                }
            }
        }
        inProgress.remove(name);
        return new SchemaSpec(record.getSimpleName().toString(), "object", null, null, null, properties, required, null);
    }

    private SchemaSpec unsupported(String name) {
        errors.add(name + " cannot be described as JSON; use a record, an enum, String, a number, boolean, UUID, "
                + "LocalDate, Instant, OffsetDateTime, or a List/Set/Optional of those");
        return null;
    }

    private static String erasure(TypeMirror type) {
        String s = type.toString();
        int generic = s.indexOf('<');
        s = generic < 0 ? s : s.substring(0, generic);
        // type annotations print before the name ("@Nullable java.lang.String")
        return s.substring(s.lastIndexOf(' ') + 1);
    }
}
