package dev.benchbox.standin;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * Checks a request document against its input shape in the official model: required members, enum
 * values, string patterns and lengths, list/map sizes, number ranges, unions, JSON types. Messages follow
 * the format AWS's ValidationException uses ("1 validation error detected: Value 'x' at 'a.b' failed to
 * satisfy constraint: Member must ...") so a caller sees what it would see from AWS.
 */
public final class ModelValidator {

    private final ServiceModel model;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public ModelValidator(ServiceModel model) {
        this.model = requireNonNull(model, "model is null");
    }

    /** A JSON value whose type does not match the model: AWS answers SerializationException, not ValidationException. */
    public static final class TypeMismatch extends RuntimeException {
        TypeMismatch(String message) {
            super(message);
        }
    }

    /** Returns the constraint violations of {@code value} against {@code shapeName}, empty when valid. */
    public List<String> validate(String shapeName, JsonNode value) {
        List<String> errors = new ArrayList<>();
        checkStructure(model.shape(shapeName), value, "", errors);
        return errors;
    }

    /** The ValidationException message for {@code errors}, as AWS words it. */
    public static String message(List<String> errors) {
        return errors.size() + " validation error" + (errors.size() == 1 ? "" : "s") + " detected: "
                + String.join("; ", errors);
    }

    private void check(String shapeName, JsonNode value, String path, List<String> errors) {
        if (value == null || value.isNull()) {
            return;
        }
        JsonNode shape = model.shape(shapeName);
        switch (shape.get("type").asText()) {
            case "structure" -> checkStructure(shape, value, path, errors);
            case "list" -> checkList(shape, value, path, errors);
            case "map" -> checkMap(shape, value, path, errors);
            case "string" -> checkString(shape, value, path, errors);
            case "integer", "long" -> checkNumber(shape, value, path, errors, true);
            case "double", "float" -> checkNumber(shape, value, path, errors, false);
            case "boolean" -> {
                if (!value.isBoolean()) {
                    throw new TypeMismatch("Expected boolean at '" + path + "'");
                }
            }
            case "timestamp" -> checkTimestamp(value, path);
            case "blob" -> {
                if (!value.isTextual()) {
                    throw new TypeMismatch("Expected base64 string at '" + path + "'");
                }
            }
            default -> { } // document: any JSON is fine
        }
    }

    private void checkStructure(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isObject()) {
            throw new TypeMismatch("Expected object at '" + (path.isEmpty() ? "request" : path) + "'");
        }
        JsonNode members = shape.path("members");
        for (JsonNode required : shape.path("required")) {
            JsonNode v = value.get(required.asText());
            if (v == null || v.isNull()) {
                errors.add("Value null at '" + child(path, required.asText()) + "' failed to satisfy constraint: Member must not be null");
            }
        }
        int set = 0;
        for (var e : members.properties()) {
            JsonNode v = value.get(e.getKey());
            if (v != null && !v.isNull()) {
                set++;
                check(e.getValue().get("shape").asText(), v, child(path, e.getKey()), errors);
            }
        }
        if (shape.path("union").asBoolean(false) && set != 1) {
            errors.add("Value at '" + path + "' failed to satisfy constraint: Member must have exactly one member set");
        }
    }

    private void checkList(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isArray()) {
            throw new TypeMismatch("Expected list at '" + path + "'");
        }
        checkSize(shape, value.size(), value, path, errors);
        String member = shape.get("member").get("shape").asText();
        for (int i = 0; i < value.size(); i++) {
            check(member, value.get(i), path + "." + (i + 1) + ".member", errors);
        }
    }

    private void checkMap(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isObject()) {
            throw new TypeMismatch("Expected map at '" + path + "'");
        }
        checkSize(shape, value.size(), value, path, errors);
        String keyShape = shape.get("key").get("shape").asText();
        String valueShape = shape.get("value").get("shape").asText();
        for (var e : value.properties()) {
            check(keyShape, com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()), path + "." + e.getKey() + ".key", errors);
            check(valueShape, e.getValue(), path + "." + e.getKey() + ".member", errors);
        }
    }

    private void checkSize(JsonNode shape, int size, JsonNode value, String path, List<String> errors) {
        if (shape.has("min") && size < shape.get("min").asLong()) {
            errors.add(describe(value, path) + "Member must have length greater than or equal to " + shape.get("min").asLong());
        }
        if (shape.has("max") && size > shape.get("max").asLong()) {
            errors.add(describe(value, path) + "Member must have length less than or equal to " + shape.get("max").asLong());
        }
    }

    private void checkString(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isTextual()) {
            throw new TypeMismatch("Expected string at '" + path + "'");
        }
        String s = value.asText();
        int length = s.codePointCount(0, s.length());
        checkSize(shape, length, value, path, errors);
        if (shape.has("enum")) {
            List<String> allowed = new ArrayList<>();
            shape.get("enum").forEach(v -> allowed.add(v.asText()));
            if (!allowed.contains(s)) {
                errors.add(describe(value, path) + "Member must satisfy enum value set: " + allowed);
            }
        }
        if (shape.has("pattern")) {
            Pattern p = pattern(shape.get("pattern").asText());
            // Whole-value match: stricter than an unanchored search, never laxer than AWS.
            if (p != null && !p.matcher(s).matches()) {
                errors.add(describe(value, path) + "Member must satisfy regular expression pattern: " + shape.get("pattern").asText());
            }
        }
    }

    private void checkNumber(JsonNode shape, JsonNode value, String path, List<String> errors, boolean integral) {
        if (!value.isNumber() || (integral && !value.canConvertToExactIntegral())) {
            throw new TypeMismatch("Expected " + (integral ? "integer" : "number") + " at '" + path + "'");
        }
        double d = value.asDouble();
        if (shape.has("min") && d < shape.get("min").asDouble()) {
            errors.add(describe(value, path) + "Member must have value greater than or equal to " + shape.get("min").asLong());
        }
        if (shape.has("max") && d > shape.get("max").asDouble()) {
            errors.add(describe(value, path) + "Member must have value less than or equal to " + shape.get("max").asLong());
        }
    }

    private static void checkTimestamp(JsonNode value, String path) {
        if (value.isNumber()) {
            return;
        }
        try {
            Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new TypeMismatch("Expected timestamp at '" + path + "'");
        }
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                return null; // a model pattern Java cannot compile is skipped rather than guessed at
            }
        });
    }

    private static String describe(JsonNode value, String path) {
        String shown = value.isTextual() ? value.asText() : value.toString();
        return "Value '" + shown + "' at '" + path + "' failed to satisfy constraint: ";
    }

    private static String child(String path, String member) {
        // AWS names members lowerCamelCase in these messages, whatever the wire name.
        String name = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return path.isEmpty() ? name : path + "." + name;
    }
}
