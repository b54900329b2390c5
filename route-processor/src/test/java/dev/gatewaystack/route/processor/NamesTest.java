package dev.gatewaystack.route.processor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static com.google.common.truth.Truth.assertThat;

class NamesTest {
    @Test
    void routesClassName() {
        assertThat(Names.routesClassName("api-service")).isEqualTo("ApiServiceRoutes");
        assertThat(Names.routesClassName("auth")).isEqualTo("AuthRoutes");
        assertThat(Names.routesClassName("1st-service")).isEqualTo("Service1stServiceRoutes");
    }

    @Test
    void commonPackage() {
        assertThat(Names.commonPackage(List.of("com.example.a", "com.example.b.c"))).isEqualTo("com.example");
        assertThat(Names.commonPackage(List.of("com.example", "com.example.b"))).isEqualTo("com.example");
        assertThat(Names.commonPackage(List.of("com.exampl", "com.example"))).isEqualTo("com");
        assertThat(Names.commonPackage(List.of("org.a", "com.a"))).isEqualTo("");
    }
}
