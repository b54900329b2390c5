package dev.gatewaystack.route.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A JSON Schema (2020-12 subset) of a declared body, derived from Java types by the processor. Typed on purpose:
 * the only keywords are those a record, enum, list or scalar maps to.
 *
 * @param name       simple name of the record or enum it came from (OpenAPI component name), null for scalars
 * @param type       JSON type: object, array, string, integer, number or boolean
 * @param format     e.g. int64, uuid, date, date-time; null when none
 * @param enumValues the constants of an enum
 * @param items      the element schema of an array
 * @param properties an object's properties in record component order
 * @param required   the properties that are always present
 * @param nullable   true when the value may be JSON null (a record component of a reference type: Jackson writes
 *                   a null component as null); null when it may not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchemaSpec(String name,
                         String type,
                         String format,
                         List<String> enumValues,
                         SchemaSpec items,
                         Map<String, SchemaSpec> properties,
                         List<String> required,
                         Boolean nullable) {

    public static SchemaSpec scalar(String type, String format) {
        return new SchemaSpec(null, type, format, null, null, null, null, null);
    }

    public static SchemaSpec array(SchemaSpec items) {
        return new SchemaSpec(null, "array", null, null, items, null, null, null);
    }

    /** This schema, also accepting JSON null. */
    public SchemaSpec orNull() {
        return new SchemaSpec(name, type, format, enumValues, items, properties, required, Boolean.TRUE);
    }

    public boolean acceptsNull() {
        return Boolean.TRUE.equals(nullable);
    }
}
