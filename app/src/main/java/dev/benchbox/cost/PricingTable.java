package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.BenchboxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * EMR Serverless prices by region and architecture, read from the data file {@value #RESOURCE} so that a price
 * change is a data change, not a code change.
 */
public final class PricingTable {

    /** Where the prices live on the classpath. */
    public static final String RESOURCE = "/pricing/emr-serverless.json";

    private final Map<String, Map<Architecture, Rates>> rates;
    private final String source;
    private final String asOf;

    private PricingTable(Map<String, Map<Architecture, Rates>> rates, String source, String asOf) {
        this.rates = rates;
        this.source = source;
        this.asOf = asOf;
    }

    /** The prices shipped with BenchBox. */
    public static PricingTable load() {
        try (InputStream in = PricingTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Prices from a file in the same format as {@value #RESOURCE}. */
    public static PricingTable read(InputStream json) throws IOException {
        requireNonNull(json, "json is null");
        // Floats as BigDecimal: 0.0057785 must stay 0.0057785, not the nearest double.
        JsonNode root = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json);
        JsonNode regions = root.path("regions");
        if (!regions.isObject() || regions.isEmpty()) {
            throw new IllegalStateException("pricing file has no regions");
        }
        Map<String, Map<Architecture, Rates>> rates = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = regions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> region = it.next();
            Map<Architecture, Rates> byArchitecture = new EnumMap<>(Architecture.class);
            for (Architecture architecture : Architecture.values()) {
                JsonNode node = region.getValue().get(architecture.id());
                if (node != null) {
                    byArchitecture.put(architecture, new Rates(region.getKey(), architecture,
                            decimal(node, "vcpu_hour", region.getKey()), decimal(node, "memory_gb_hour", region.getKey()),
                            decimal(node, "storage_gb_hour", region.getKey())));
                }
            }
            rates.put(region.getKey(), Collections.unmodifiableMap(byArchitecture));
        }
        return new PricingTable(Collections.unmodifiableMap(rates), root.path("source").asText(""),
                root.path("as_of").asText(""));
    }

    /**
     * The rates for a region and architecture.
     *
     * @throws BenchboxException for a region or architecture the table has no prices for, naming the known regions
     */
    public Rates price(String region, Architecture architecture) {
        requireNonNull(architecture, "architecture is null");
        Map<Architecture, Rates> byArchitecture = region == null ? null : rates.get(region.trim());
        if (byArchitecture == null) {
            throw new BenchboxException("no EMR Serverless prices for region '" + region + "'; known regions: "
                    + String.join(", ", regions()));
        }
        Rates found = byArchitecture.get(architecture);
        if (found == null) {
            throw new BenchboxException("no EMR Serverless " + architecture + " prices for region " + region);
        }
        return found;
    }

    /** {@link #price(String, Architecture)} with the architecture as text ({@code x86_64}, {@code ARM64}, ...). */
    public Rates price(String region, String architecture) {
        return price(region, Architecture.parse(architecture));
    }

    /** The regions with prices, sorted. */
    public List<String> regions() {
        return List.copyOf(new ArrayList<>(rates.keySet()));
    }

    /** Where the prices come from, as the file says. */
    public String source() {
        return source;
    }

    /** When the prices were transcribed, as the file says. */
    public String asOf() {
        return asOf;
    }

    private static BigDecimal decimal(JsonNode rates, String field, String region) {
        JsonNode value = rates.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalStateException("pricing file: " + region + " has no number for " + field);
        }
        return value.decimalValue();
    }
}
