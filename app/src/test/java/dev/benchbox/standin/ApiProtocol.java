package dev.benchbox.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Turns an HTTP request into (operation, input document) following a model's protocol — REST-JSON
 * (operation from method + URI template, members from path, query, headers and body) or JSON 1.1
 * (operation from {@code X-Amz-Target}, members from the body) — and writes answers and errors back in
 * that protocol's shape.
 */
final class ApiProtocol {

    /** A parsed request: the operation name and its input document. */
    record Call(String operation, ObjectNode input) {
        Call {
            requireNonNull(operation, "operation is null");
            requireNonNull(input, "input is null");
        }
    }

    private record Route(ServiceModel.Operation operation, Pattern path, List<String> params) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ServiceModel model;
    private final boolean restJson;
    private final List<Route> routes = new ArrayList<>();

    ApiProtocol(ServiceModel model, boolean restJson) {
        this.model = requireNonNull(model, "model is null");
        this.restJson = restJson;
        if (restJson) {
            for (ServiceModel.Operation op : model.operations().values()) {
                List<String> params = new ArrayList<>();
                StringBuilder regex = new StringBuilder("^");
                Matcher m = Pattern.compile("\\{([^}+]+)\\+?}").matcher(op.requestUri().split("\\?")[0]);
                int last = 0;
                String template = op.requestUri().split("\\?")[0];
                while (m.find()) {
                    regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
                    params.add(m.group(1));
                    last = m.end();
                }
                regex.append(Pattern.quote(template.substring(last))).append("$");
                routes.add(new Route(op, Pattern.compile(regex.toString()), params));
            }
        }
    }

    ServiceModel model() {
        return model;
    }

    /** Parses the request; throws {@link AwsError} for an unknown operation or unreadable body. */
    Call parse(HttpExchange exchange, byte[] body) throws IOException {
        ObjectNode payload = body.length == 0 ? MAPPER.createObjectNode() : readObject(body);
        if (!restJson) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String prefix = model.targetPrefix() + ".";
            if (target == null || !target.startsWith(prefix) || model.operation(target.substring(prefix.length())).isEmpty()) {
                throw new AwsError("UnknownOperationException", 400, "Unknown operation " + target);
            }
            return new Call(target.substring(prefix.length()), payload);
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        for (Route route : routes) {
            Matcher m = route.path().matcher(path);
            if (route.operation().method().equals(method) && m.matches()) {
                Map<String, String> pathParams = new LinkedHashMap<>();
                for (int i = 0; i < route.params().size(); i++) {
                    pathParams.put(route.params().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
                }
                return new Call(route.operation().name(), restInput(route.operation(), pathParams, exchange, payload));
            }
        }
        throw new AwsError("UnknownOperationException", 404, "No operation for " + method + " " + path);
    }

    private ObjectNode restInput(ServiceModel.Operation op, Map<String, String> pathParams, HttpExchange exchange, ObjectNode body) {
        ObjectNode input = MAPPER.createObjectNode();
        if (op.inputShape() == null) {
            return input;
        }
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        JsonNode members = model.shape(op.inputShape()).path("members");
        for (var e : members.properties()) {
            JsonNode member = e.getValue();
            String location = member.path("location").asText("");
            String wireName = member.path("locationName").asText(e.getKey());
            JsonNode shape = model.shape(member.get("shape").asText());
            switch (location) {
                case "uri" -> {
                    if (pathParams.containsKey(wireName)) {
                        input.put(e.getKey(), pathParams.get(wireName));
                    }
                }
                case "querystring" -> {
                    List<String> values = query.get(wireName);
                    if (values != null) {
                        input.set(e.getKey(), typed(shape, values));
                    }
                }
                case "header" -> {
                    String v = exchange.getRequestHeaders().getFirst(wireName);
                    if (v != null) {
                        input.set(e.getKey(), typed(shape, List.of(v)));
                    }
                }
                default -> {
                    if (body.has(e.getKey())) {
                        input.set(e.getKey(), body.get(e.getKey()));
                    }
                }
            }
        }
        return input;
    }

    private JsonNode typed(JsonNode shape, List<String> values) {
        String type = shape.get("type").asText();
        if (type.equals("list")) {
            ArrayNode list = MAPPER.createArrayNode();
            JsonNode memberShape = model.shape(shape.get("member").get("shape").asText());
            values.forEach(v -> list.add(typed(memberShape, List.of(v))));
            return list;
        }
        String v = values.get(0);
        try {
            return switch (type) {
                case "integer", "long" -> MAPPER.getNodeFactory().numberNode(Long.parseLong(v));
                case "double", "float" -> MAPPER.getNodeFactory().numberNode(Double.parseDouble(v));
                case "boolean" -> MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(v));
                default -> MAPPER.getNodeFactory().textNode(v);
            };
        } catch (NumberFormatException e) {
            return MAPPER.getNodeFactory().textNode(v); // the validator reports the type error
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static ObjectNode readObject(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // fall through: AWS answers SerializationException for a body it cannot read
        }
        throw new AwsError("SerializationException", 400, "Request body is not a JSON object");
    }

    /** Writes a successful answer. */
    void writeResult(HttpExchange exchange, JsonNode result) throws IOException {
        write(exchange, 200, result, null);
    }

    /** Writes an error the way this protocol carries it, so the SDK raises the matching exception class. */
    void writeError(HttpExchange exchange, AwsError error) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        if (restJson) {
            body.put("message", error.getMessage());
        } else {
            body.put("__type", error.code());
            body.put("Message", error.getMessage());
        }
        write(exchange, error.status(), body, error.code());
    }

    private void write(HttpExchange exchange, int status, JsonNode body, String errorType) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", restJson ? "application/json" : "application/x-amz-json-1.1");
        headers.set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        if (errorType != null) {
            headers.set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
