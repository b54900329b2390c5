package dev.gatewaystack.route.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON Schema type of a path parameter, from the handler's {@code @PathParam} Java type (the regex stays in the
 * path): String is {@code string}, int {@code integer/int32}, long {@code integer/int64}, UUID {@code string/uuid}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PathParamSpec(String name, String type, String format) {
}
