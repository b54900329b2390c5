package dev.gatewaystack.route.processor;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Naming rules of generated code. */
final class Names {
    private Names() {
    }

    /** {@code api-service} becomes {@code ApiServiceRoutes}. */
    static String routesClassName(String service) {
        String name = Arrays.stream(service.split("[^A-Za-z0-9]+"))
                .filter(p -> !p.isEmpty())
                .map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1))
                .collect(Collectors.joining("", "", "Routes"));
        // Compose names may start with a digit; Java class names may not.
        return Character.isDigit(name.charAt(0)) ? "Service" + name : name;
    }

    /** {@code AccountHandler} becomes {@code accountHandler}. */
    static String lowerCamel(String simpleName) {
        return Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1);
    }

    /** The longest package that contains all given packages ("" for none in common). */
    static String commonPackage(List<String> packages) {
        String[] common = packages.getFirst().isEmpty() ? new String[0] : packages.getFirst().split("\\.");
        int length = common.length;
        for (String pkg : packages) {
            String[] parts = pkg.isEmpty() ? new String[0] : pkg.split("\\.");
            int i = 0;
            while (i < Math.min(length, parts.length) && parts[i].equals(common[i])) {
                i++;
            }
            length = i;
        }
        return String.join(".", Arrays.copyOf(common, length));
    }
}
