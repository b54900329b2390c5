package dev.gatewaystack.route.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterSpec;
import com.squareup.javapoet.TypeSpec;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;

import java.util.EnumSet;
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
 * Renders a service's Helidon {@code HttpService}: one registration per route and method, most specific first. The
 * handler methods are called from one switch on the route's number, not from a lambda per registration: javac
 * takes about twice as long to compile a lambda per route (see scripts/bench-processor.sh).
 */
final class RoutingRenderer {
    private static final ClassName HTTP_SERVICE = ClassName.get("io.helidon.webserver.http", "HttpService");
    private static final ClassName HTTP_RULES = ClassName.get("io.helidon.webserver.http", "HttpRules");
    private static final ClassName SERVER_REQUEST = ClassName.get("io.helidon.webserver.http", "ServerRequest");
    private static final ClassName SERVER_RESPONSE = ClassName.get("io.helidon.webserver.http", "ServerResponse");
    private static final ClassName HANDLER = ClassName.get("io.helidon.webserver.http", "Handler");
    private static final ClassName METHOD = ClassName.get("io.helidon.http", "Method");
    private static final ClassName PATH_MATCHERS = ClassName.get("io.helidon.http", "PathMatchers");
    private static final ClassName BAD_REQUEST = ClassName.get("io.helidon.http", "BadRequestException");
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
                .addJavadoc("Helidon routing of service {@code $L}; register it with {@code routing.register(...)}.\n",
                        service.name())
                .addField(FieldSpec.builder(String.class, "SERVICE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$S", service.name()).build());
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
        for (HandlerModel h : service.handlers()) {
            ClassName handlerType = ClassName.get(h.type());
            String field = fields.get(h.qualifiedName());
            type.addField(handlerType, field, Modifier.PRIVATE, Modifier.FINAL).addOriginatingElement(h.type());
            constructor.addParameter(ParameterSpec.builder(handlerType, field).build())
                    .addStatement("this.$N = $T.requireNonNull($N, $S)", field, Objects.class, field, field);
        }
        type.addMethod(constructor.build());
        Set<PathParamType> used = EnumSet.noneOf(PathParamType.class);
        MethodSpec.Builder routing = MethodSpec.methodBuilder("routing")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(HTTP_RULES, "rules");
        // Plain text, not a JavaPoet statement per line: formatting thousands of statements is most of the
        // processor's own time at scale. Names are Java identifiers already; literals go through javac's escaping.
        StringBuilder registrations = new StringBuilder();
        StringBuilder calls = new StringBuilder();
        Set<HttpMethod> methods = EnumSet.noneOf(HttpMethod.class);
        Set<Matcher> matchers = EnumSet.noneOf(Matcher.class);
        int number = 0;
        for (RouteModel r : RouteOrder.sort(service.routes())) {
            Matcher matcher = Matcher.of(r.spec(), r.template());
            matchers.add(matcher);
            calls.append("case ").append(number).append(" -> ");
            handlerCall(r, fields.get(r.handlerClass()), used, calls).append(";\n");
            String path = elements.getConstantExpression(matcher.path(r.spec(), r.template()));
            for (HttpMethod m : r.spec().effectiveMethods()) {
                // Helidon 4.1 does not answer HEAD from GET routes by itself, so HEAD is registered explicitly.
                methods.add(m);
                registrations.append(matcher.helper).append("(rules, ").append(m.name()).append(", ").append(path)
                        .append(", ").append(number).append(");\n");
            }
            number++;
        }
        routing.addCode("$L", registrations);
        CodeBlock.Builder dispatch = CodeBlock.builder().beginControlFlow("switch (route)")
                .add("$L", calls)
                .addStatement("default -> throw new $T($S + route)", IllegalStateException.class, "no route ");
        type.addMethod(routing.build());
        matchers.stream().map(RoutingRenderer::registration).forEach(type::addMethod);
        type.addMethod(MethodSpec.methodBuilder("call")
                .addModifiers(Modifier.PRIVATE)
                .returns(HANDLER)
                .addParameter(int.class, "route")
                .addStatement("return (req, res) -> handle(route, req, res)")
                .build());
        type.addMethod(MethodSpec.methodBuilder("handle")
                .addJavadoc("Calls the handler method of route number {@code route} (numbered in registration order).\n")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "route")
                .addParameter(SERVER_REQUEST, "req")
                .addParameter(SERVER_RESPONSE, "res")
                .addException(Exception.class)
                .addCode(dispatch.endControlFlow().build())
                .build());
        used.stream().map(RoutingRenderer::converter).forEach(type::addMethod);
        return JavaFile.builder(pkg, type.build())
                .addStaticImport(METHOD, methods.stream().map(HttpMethod::name).toArray(String[]::new))
                .skipJavaLangImports(true).indent("    ").build();
    }

    /**
     * How a route's path is matched; each has a small registration method in the generated class, so a registration
     * is one call with constants (cheaper for javac than resolving {@code rules.route(...)} for every route).
     */
    private enum Matcher {
        EXACT("exact", "exact"),
        PATTERN("pattern", "create");

        final String helper;
        final String factory;

        Matcher(String helper, String factory) {
            this.helper = helper;
            this.factory = factory;
        }

        static Matcher of(RouteSpec spec, PathTemplate template) {
            return spec.match() == Match.EXACT && !template.hasParams() ? EXACT : PATTERN;
        }

        String path(RouteSpec spec, PathTemplate template) {
            return this == EXACT ? spec.path() : template.helidonPattern(spec.match());
        }
    }

    private static MethodSpec registration(Matcher matcher) {
        return MethodSpec.methodBuilder(matcher.helper)
                .addModifiers(Modifier.PRIVATE)
                .addParameter(HTTP_RULES, "rules")
                .addParameter(METHOD, "method")
                .addParameter(String.class, "path")
                .addParameter(int.class, "route")
                .addStatement("rules.route(method, $T.$N(path), call(route))", PATH_MATCHERS, matcher.factory)
                .build();
    }

    private StringBuilder handlerCall(RouteModel r, String field, Set<PathParamType> used, StringBuilder out) {
        out.append("this.").append(field).append('.').append(r.methodName()).append('(');
        String separator = "";
        for (HandlerParam p : r.params()) {
            out.append(separator);
            separator = ", ";
            switch (p) {
                case HandlerParam.Request req -> out.append("req");
                case HandlerParam.Response res -> out.append("res");
                case HandlerParam.Path path -> {
                    used.add(converterType(path.type()));
                    out.append(converterName(path.type())).append("(req, ")
                            .append(elements.getConstantExpression(path.name())).append(')');
                }
                case HandlerParam.Unbound u -> throw new IllegalStateException("unbound parameter reached rendering");
            }
        }
        return out.append(')');
    }

    /** Boxed and primitive types share one converter (the boxed argument is autoboxed). */
    private static PathParamType converterType(PathParamType type) {
        return switch (type) {
            case INTEGER -> PathParamType.INT;
            case LONG_BOXED -> PathParamType.LONG;
            default -> type;
        };
    }

    private static String converterName(PathParamType type) {
        return switch (type) {
            case STRING -> "stringParam";
            case INT, INTEGER -> "intParam";
            case LONG, LONG_BOXED -> "longParam";
            case UUID -> "uuidParam";
        };
    }

    private static MethodSpec converter(PathParamType type) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(converterName(type))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(SERVER_REQUEST, "req")
                .addParameter(String.class, "name")
                .addStatement("String value = req.path().pathParameters().get(name)");
        return switch (type) {
            case STRING -> m.returns(String.class).addStatement("return value").build();
            case INT, INTEGER -> parsing(m.returns(int.class), "Integer.parseInt(value)", "a whole number");
            case LONG, LONG_BOXED -> parsing(m.returns(long.class), "Long.parseLong(value)", "a whole number");
            case UUID -> parsing(m.returns(java.util.UUID.class), "java.util.UUID.fromString(value)", "a UUID");
        };
    }

    private static MethodSpec parsing(MethodSpec.Builder m, String parse, String what) {
        return m.beginControlFlow("try")
                .addStatement("return " + parse)
                .nextControlFlow("catch ($T e)", IllegalArgumentException.class)
                .addStatement("throw new $T($S + name + $S)", BAD_REQUEST, "path parameter '", "' must be " + what)
                .endControlFlow()
                .build();
    }

    /** Constructor parameter and field per handler class: lowerCamel simple name, made unique and legal. */
    private static Map<String, String> fieldNames(ServiceModel service) {
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(List.of("rules", "req", "res", "SERVICE"));
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
