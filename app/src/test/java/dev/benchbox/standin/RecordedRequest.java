package dev.benchbox.standin;

import com.fasterxml.jackson.databind.JsonNode;

import static java.util.Objects.requireNonNull;

/**
 * One EMR Serverless or Glue request the stand-in accepted, as the API received it: its operation and the
 * input document with the API's own member names, path and query parameters included. Lets tests assert
 * on exactly what a platform sent.
 */
public record RecordedRequest(Service service, String operation, JsonNode input) {
    public RecordedRequest {
        requireNonNull(service, "service is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(input, "input is null");
    }
}
