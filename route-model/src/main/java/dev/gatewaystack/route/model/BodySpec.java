package dev.gatewaystack.route.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The declared JSON bodies of a route ({@code @Body}); either may be null (not declared). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BodySpec(SchemaSpec request, SchemaSpec response) {
}
