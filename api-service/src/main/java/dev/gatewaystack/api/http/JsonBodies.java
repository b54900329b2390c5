package dev.gatewaystack.api.http;

import dev.gatewaystack.support.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;

/** JSON in and out with Jackson: content-type (415), size (413) and syntax (400) checks on the way in. */
public final class JsonBodies {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            // Money: keep 12.50 as a decimal so RequestFields can refuse it instead of rounding a double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Header JSON_CONTENT_TYPE = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");

    /** Largest body the service reads; the gateway's @MaxBodySize on each route is the same or smaller. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private JsonBodies() {
    }

    /** The request body as a JSON object. */
    public static JsonNode readObject(ServerRequest req) {
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw Problem.of(Status.UNSUPPORTED_MEDIA_TYPE_415, "Unsupported media type",
                    "Send the body as application/json" + (contentType.isBlank() ? "" : ", not " + contentType));
        }
        byte[] body = readLimited(req);
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw Problem.badRequest("The body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw Problem.badRequest("The body must be a JSON object");
        }
        return node;
    }

    private static byte[] readLimited(ServerRequest req) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw Problem.badRequest("The body could not be read");
        }
    }

    private static Problem tooLarge() {
        return Problem.of(Status.REQUEST_ENTITY_TOO_LARGE_413, "Payload too large",
                "The body exceeds " + MAX_BODY_BYTES + " bytes");
    }

    public static void send(ServerResponse res, Status status, Object body) {
        sendBytes(res, status, bytes(body));
    }

    /** An answer serialized once in advance (a constant body costs no serialization per request). */
    public static void sendBytes(ServerResponse res, Status status, byte[] json) {
        res.status(status);
        res.header(JSON_CONTENT_TYPE);
        res.send(json);
    }

    public static void ok(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    /**
     * The JSON of {@code body}. Answers must be deterministic (two replicas serve the same bytes for the same data):
     * use records or ordered maps, never {@code Map.of}/{@code Map.copyOf}/{@code HashMap} with several keys.
     */
    public static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }
}
