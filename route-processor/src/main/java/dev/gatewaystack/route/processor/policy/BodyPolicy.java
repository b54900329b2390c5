package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.Body;
import dev.gatewaystack.route.model.BodySpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.SchemaSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

import java.util.List;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** {@code @Body}: the route's JSON body types, turned into JSON Schemas for the API description. */
final class BodyPolicy implements Policy<BodyPolicy.Read> {
    /** The schemas and the errors met while deriving them (reported by {@link #check}). */
    record Read(BodySpec spec, List<String> errors) {
    }

    @Override
    public Class<Body> annotation() {
        return Body.class;
    }

    @Override
    public Read read(AnnotationValues body) {
        BodySchemas schemas = new BodySchemas();
        SchemaSpec request = schema(schemas, body.type("request"));
        SchemaSpec response = schema(schemas, body.type("response"));
        if (response != null && body.bool("responseArray")) {
            response = SchemaSpec.array(response);
        }
        return new Read(new BodySpec(request, response), schemas.errors());
    }

    /** A class value, as its mirror; {@code Void.class} (the default) is no body. */
    private static SchemaSpec schema(BodySchemas schemas, TypeMirror type) {
        if (type.getKind() == TypeKind.DECLARED && type.toString().equals("java.lang.Void")) {
            return null;
        }
        return schemas.of(type);
    }

    @Override
    public void apply(Read spec, RouteSpec.Builder route) {
        route.body(spec.spec());
    }

    @Override
    public void check(Declared<Read> declared, String service, Problems problems) {
        declared.spec().errors().forEach(e -> declared.error(problems, service, null, "@Body: " + e));
        if (declared.spec().spec().request() == null && declared.spec().spec().response() == null
                && declared.spec().errors().isEmpty()) {
            declared.error(problems, service, null, "@Body declares no type; set request, response or both");
        }
    }
}
