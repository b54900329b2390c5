package dev.gatewaystack.route.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterSpec;
import com.squareup.javapoet.TypeSpec;

import java.lang.invoke.MethodHandles;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Renders a service's Helidon {@code HttpService}, {@code <Service>Routes}: a constructor taking one instance of each
 * handler class, and a {@code routing} method that registers the routes of the service's routing table (written by
 * {@link RoutingTableRenderer}) through service-support's {@code GeneratedRouting}. Nothing in it is per route:
 * javac compiles generated Java per route much more slowly than it reads a table (scripts/bench-processor.sh).
 */
final class RoutingRenderer {
    private static final ClassName HTTP_SERVICE = ClassName.get("io.helidon.webserver.http", "HttpService");
    private static final ClassName HTTP_RULES = ClassName.get("io.helidon.webserver.http", "HttpRules");
    private static final ClassName GENERATED_ROUTING =
            ClassName.get("dev.gatewaystack.support.routing", "GeneratedRouting");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private final Elements elements;

    RoutingRenderer(Elements elements) {
        this.elements = elements;
    }

    JavaFile render(ServiceModel service) {
        String pkg = Names.commonPackage(service.handlers().stream()
                .map(h -> elements.getPackageOf(h.type()).getQualifiedName().toString()).toList());
        Map<String, String> fields = fieldNames(service);
        TypeSpec.Builder type = TypeSpec.classBuilder(Names.routesClassName(service.name()))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(HTTP_SERVICE)
                .addAnnotation(AnnotationSpec.builder(GENERATED)
                        .addMember("value", "$S", RouteProcessor.class.getName())
                        .addMember("comments", "$S", "Generated from route annotations; do not edit")
                        .build())
                .addJavadoc("Helidon routing of service {@code $L}; register it with {@code routing.register(...)}.\n"
                        + "Its routes are in {@code $L}, written by the same processor run.\n",
                        service.name(), dev.gatewaystack.route.model.RoutingEntry.resource(service.name()))
                .addField(FieldSpec.builder(String.class, "SERVICE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$S", service.name()).build());
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
        StringBuilder handlers = new StringBuilder();
        for (HandlerModel h : service.handlers()) {
            ClassName handlerType = ClassName.get(h.type());
            String field = fields.get(h.qualifiedName());
            type.addField(handlerType, field, Modifier.PRIVATE, Modifier.FINAL).addOriginatingElement(h.type());
            constructor.addParameter(ParameterSpec.builder(handlerType, field).build())
                    .addStatement("this.$N = $T.requireNonNull($N, $S)", field, Objects.class, field, field);
            handlers.append(", ").append(field);
        }
        type.addMethod(constructor.build());
        // The lookup is this class's: a handler method is reachable exactly when code in this package could call it.
        type.addMethod(MethodSpec.methodBuilder("routing")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(HTTP_RULES, "rules")
                .addStatement("$T.register(rules, $T.lookup(), SERVICE$L)", GENERATED_ROUTING, MethodHandles.class,
                        handlers)
                .build());
        return JavaFile.builder(pkg, type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    /** Constructor parameter and field per handler class: lowerCamel simple name, made unique and legal. */
    private static Map<String, String> fieldNames(ServiceModel service) {
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(List.of("rules", "SERVICE"));
        for (HandlerModel h : service.handlers()) {
            String base = Names.lowerCamel(h.type().getSimpleName().toString());
            String name = SourceVersion.isKeyword(base) ? base + "Handler" : base;
            for (int i = 2; !taken.add(name); i++) {
                name = base + i;
            }
            names.put(h.qualifiedName(), name);
        }
        return names;
    }
}
