package dev.benchbox.platform.emr.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * Where a dry run writes the requests it would send (the platform's recorder), as sessions need it: the sessions
 * package depends on this, not on the platform package that records.
 */
public interface RequestWriter {
    /** Writes one request as the API would receive it; returns the file. */
    Path record(String operation, String detail, JsonNode request);

    /** The dry run's directory. */
    Path directory();
}
