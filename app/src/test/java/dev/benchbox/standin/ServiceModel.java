package dev.benchbox.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One official AWS API model ({@code <service>-<version>.service-2.json} shipped in the test resources' {@code aws-models/}):
 * its operations (HTTP binding, input shape) and shapes. The stand-in routes and validates from it, so it
 * speaks exactly the API that the SDK clients were generated from.
 */
public final class ServiceModel {

    /** One operation of the model: name, HTTP method, request URI template and input shape name. */
    public record Operation(String name, String method, String requestUri, String inputShape) {
        public Operation {
            requireNonNull(name, "name is null");
            requireNonNull(method, "method is null");
            requireNonNull(requestUri, "requestUri is null");
        }
    }

    private final JsonNode shapes;
    private final JsonNode metadata;
    private final Map<String, Operation> operations;

    private ServiceModel(JsonNode root) {
        this.shapes = requireNonNull(root.get("shapes"), "model has no shapes");
        this.metadata = requireNonNull(root.get("metadata"), "model has no metadata");
        Map<String, Operation> ops = new LinkedHashMap<>();
        root.get("operations").properties().forEach(e -> {
            JsonNode http = e.getValue().get("http");
            JsonNode input = e.getValue().get("input");
            ops.put(e.getKey(), new Operation(e.getKey(), http.get("method").asText(), http.get("requestUri").asText(),
                    input == null ? null : input.get("shape").asText()));
        });
        this.operations = Map.copyOf(ops);
    }

    /** Loads {@code file}, a service-2.json model. */
    public static ServiceModel load(Path file) {
        try {
            return new ServiceModel(new ObjectMapper().readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read AWS model " + file, e);
        }
    }

    public Map<String, Operation> operations() {
        return operations;
    }

    public Optional<Operation> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    /** The shape definition named {@code name}; fails on a name the model does not define. */
    public JsonNode shape(String name) {
        JsonNode shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no shape " + name + " in model " + metadata.path("uid").asText());
        }
        return shape;
    }

    public String signingName() {
        return metadata.path("signingName").asText(metadata.path("endpointPrefix").asText());
    }

    public String targetPrefix() {
        return metadata.path("targetPrefix").asText();
    }
}
