package dev.benchbox.platform.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * An SDK request as the AWS API receives it, as JSON: walks the request's {@link SdkField}s — the SDK's
 * own marshalling metadata — and names each member by its marshalling location name ({@code applicationId},
 * {@code jobDriver}, {@code DatabaseName}, {@code TableInput}). Path, query and header members are included
 * under their model names, so a file holds everything the operation's input shape describes. Idempotency
 * tokens get the value the SDK would generate. Credentials are never part of a request object.
 */
public final class RequestJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    private RequestJson() {
    }

    public static ObjectNode of(SdkPojo request) {
        ObjectNode node = JSON.objectNode();
        for (SdkField<?> field : request.sdkFields()) {
            Object value = field.getValueOrDefault(request);
            if (value == null || isAutoConstructEmpty(value) || field.location() == MarshallLocation.STATUS_CODE) {
                continue;
            }
            node.set(name(field), value(field, value));
        }
        return node;
    }

    private static String name(SdkField<?> field) {
        // payload members go by their marshalling location name; path, query and header members by the model's
        // member name (their location name is the wire name, e.g. a header), as the operation's input shape has them
        return field.location() == MarshallLocation.PAYLOAD ? field.locationName() : field.memberName();
    }

    private static JsonNode value(SdkField<?> field, Object value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return of((SdkPojo) value);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = JSON.arrayNode();
            for (Object item : (List<?>) value) {
                array.add(item == null ? JSON.nullNode() : value(member, item));
            }
            return array;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            ObjectNode map = JSON.objectNode();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                map.set(String.valueOf(entry.getKey()), entry.getValue() == null ? JSON.nullNode() : value(member, entry.getValue()));
            }
            return map;
        }
        return scalar(value);
    }

    private static JsonNode scalar(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            // Jackson keeps each number's own type (int, long, double, BigDecimal...)
            return MAPPER.valueToTree(value);
        }
        if (value instanceof Instant instant) {
            // the JSON protocols of EMR Serverless and Glue send timestamps as epoch seconds
            return JSON.numberNode(BigDecimal.valueOf(instant.toEpochMilli(), 3).stripTrailingZeros());
        }
        if (value instanceof SdkBytes bytes) {
            return JSON.textNode(bytes.asUtf8String().isEmpty() ? "" : java.util.Base64.getEncoder().encodeToString(bytes.asByteArray()));
        }
        return JSON.textNode(String.valueOf(value));
    }

    // the SDK hands out "auto construct" empty lists and maps for members that were never set: they are not sent
    private static boolean isAutoConstructEmpty(Object value) {
        return value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
                || value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap;
    }
}
