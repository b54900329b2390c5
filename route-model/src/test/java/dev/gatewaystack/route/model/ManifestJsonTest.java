package dev.gatewaystack.route.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ManifestFiles#toJson} ({@link ManifestJson}, no Jackson) writes exactly what jackson-databind writes, and
 * the gateway's reader ({@link ManifestFiles#fromJson}, databind) reads it back unchanged. The manifests are generated from the records themselves, every record type reachable from
 * {@link ServiceManifest} with every component set (and again with every component that may be null left null),
 * so a new spec record or component is covered without touching this test.
 */
class ManifestJsonTest {
    private static final ObjectMapper DATABIND = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void everyComponentSetIsWrittenAsDatabindWritesIt() throws Exception {
        ServiceManifest manifest = (ServiceManifest) new Samples(false).of(ServiceManifest.class, 0);
        assertNotNull(manifest.routes().getFirst().cache(), "the sample sets every policy");
        assertEquals(DATABIND.writeValueAsString(manifest) + "\n", ManifestFiles.toJson(manifest));
    }

    @Test
    void nullComponentsAreWrittenAsDatabindWritesThem() throws Exception {
        ServiceManifest manifest = (ServiceManifest) new Samples(true).of(ServiceManifest.class, 0);
        assertNull(manifest.routes().getFirst().cache(), "the sample leaves every optional policy out");
        String json = ManifestFiles.toJson(manifest);
        assertEquals(DATABIND.writeValueAsString(manifest) + "\n", json);
        assertTrue(json.contains("\"failTimeout\" : null"), json); // UpstreamSpec has no @JsonInclude(NON_NULL)
    }

    @Test
    void theGatewaysReaderReadsTheManifestBack() {
        ServiceManifest sample = (ServiceManifest) new Samples(false).of(ServiceManifest.class, 0);
        ServiceManifest manifest = ServiceManifest.of(sample.service(), sample.upstream(), sample.routes());
        String json = ManifestFiles.toJson(manifest);
        ServiceManifest back = ManifestFiles.fromJson(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
        assertEquals(manifest, back);
        assertEquals(json, ManifestFiles.toJson(back));
    }

    /** Databind's bean-getter rules, on a record of this test: isX() and getX() are written, @JsonIgnore and others not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Getters(String name, String absent) {
        public boolean isUrgent() {
            return true;
        }

        public int getURLCount() {
            return 2;
        }

        @JsonIgnore
        public boolean isIgnored() {
            return true;
        }

        public boolean isnotCapitalised() {
            return true;
        }

        public Boolean isMaybe() {
            return null;
        }

        public void getNothing() {
        }

        public String describe() {
            return name;
        }
    }

    @Test
    void beanGettersAreWrittenAsDatabindWritesThem() throws Exception {
        Getters value = new Getters("g", null);
        assertEquals(DATABIND.writeValueAsString(value), ManifestJson.write(value));
    }

    public record Unsupported(double ratio) {
    }

    @Test
    void aValueDatabindWouldWriteDifferentlyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ManifestJson.write(new Unsupported(0.5)));
        assertTrue(e.getMessage().contains("java.lang.Double"), e.getMessage());
    }

    /** Sample values by type, all different, strings with characters JSON escapes; records through their constructor. */
    private static final class Samples {
        /** Deep enough for a schema within a schema within a body; recursive records stop there. */
        private static final int DEPTH = 8;
        private final boolean nulls;
        private int next;

        Samples(boolean nulls) {
            this.nulls = nulls;
        }

        Object of(Type type, int depth) {
            if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
                return depth > DEPTH ? List.of() : List.of(of(p.getActualTypeArguments()[0], depth + 1),
                        of(p.getActualTypeArguments()[0], depth + 1));
            }
            if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
                Map<Object, Object> map = new LinkedHashMap<>(); // out of order: the writer sorts keys
                if (depth <= DEPTH) {
                    map.put("b" + next++, of(p.getActualTypeArguments()[1], depth + 1));
                    map.put("a" + next++, of(p.getActualTypeArguments()[1], depth + 1));
                }
                return map;
            }
            Class<?> c = (Class<?>) type;
            int n = next++;
            if (c == String.class) {
                return "v" + n + " \"q\" \\ é\t\n\r\b\f\u0001\u001f\u007f/\u2028😀";
            } else if (c == int.class || c == Integer.class) {
                return n;
            } else if (c == boolean.class || c == Boolean.class) {
                return n % 2 == 0;
            } else if (c.isEnum()) {
                Object[] constants = c.getEnumConstants();
                return constants[n % constants.length];
            } else if (c.isRecord()) {
                return depth > DEPTH ? null : record(c, depth);
            }
            throw new IllegalArgumentException("no sample for " + type + "; teach ManifestJsonTest.Samples");
        }

        /** Every component set; with {@code nulls}, each one (but lists and maps) the constructor accepts as null is null. */
        private Object record(Class<?> type, int depth) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = of(components[i].getGenericType(), depth + 1);
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                if (nulls) {
                    for (int i = 0; i < args.length; i++) {
                        if (!types[i].isPrimitive() && types[i] != List.class && types[i] != Map.class) {
                            Object kept = args[i];
                            args[i] = null;
                            try {
                                canonical.newInstance(args);
                            } catch (InvocationTargetException required) {
                                args[i] = kept;
                            }
                        }
                    }
                }
                return canonical.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build a sample " + type.getName(), e);
            }
        }
    }
}
