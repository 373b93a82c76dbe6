package dev.benchbox.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A small evaluator of identity-based IAM policies, enough to check a printed policy against the calls a stand-in
 * session made: Allow and Deny statements, {@code Action} and {@code Resource} with {@code *} and {@code ?}
 * wildcards (actions case-insensitive), and the conditions {@code StringEquals}, {@code StringLike},
 * {@code ArnLike} and {@code ArnEquals} (with {@code IfExists}). An explicit Deny wins; no matching Allow is an
 * implicit deny. Parsing checks what IAM would refuse outright: the version, unique alphanumeric Sids, an Effect,
 * non-empty Action and Resource, resources that are {@code *} or six-part ARNs. Anything else it does not model
 * ({@code NotAction}, {@code NotResource}, {@code Principal}, other operators) is refused, not ignored.
 */
public final class IamPolicyEvaluator {
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9*?]+");
    private static final Set<String> OPERATORS = Set.of("StringEquals", "StringLike", "ArnLike", "ArnEquals");

    private final List<Statement> statements;

    private IamPolicyEvaluator(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /** One permission a call needs: an action on a resource ARN, with the request's condition keys (absent ones absent). */
    public record Permission(String action, String resource, Map<String, String> context) {
        public Permission {
            requireNonNull(action, "action is null");
            requireNonNull(resource, "resource is null");
            context = Map.copyOf(context);
        }

        public Permission(String action, String resource) {
            this(action, resource, Map.of());
        }
    }

    private record Statement(String sid, boolean allow, List<String> actions, List<String> resources,
                             Map<String, Map<String, List<String>>> conditions) {
    }

    /**
     * Parses a policy document.
     *
     * @throws IllegalArgumentException saying what IAM would refuse in it, or what this evaluator does not model
     */
    public static IamPolicyEvaluator parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!"2012-10-17".equals(root.path("Version").asText())) {
            throw new IllegalArgumentException("Version must be 2012-10-17, not " + root.path("Version"));
        }
        JsonNode statementNodes = root.path("Statement");
        if (statementNodes.isObject()) {
            statementNodes = new ObjectMapper().createArrayNode().add(statementNodes);
        }
        if (!statementNodes.isArray() || statementNodes.isEmpty()) {
            throw new IllegalArgumentException("no Statement");
        }
        Set<String> sids = new HashSet<>();
        List<Statement> statements = new ArrayList<>();
        for (JsonNode node : statementNodes) {
            for (String unsupported : List.of("NotAction", "NotResource", "Principal", "NotPrincipal")) {
                if (node.has(unsupported)) {
                    throw new IllegalArgumentException(unsupported + " is not modelled");
                }
            }
            String sid = node.path("Sid").asText(null);
            if (sid != null && (!SID.matcher(sid).matches() || !sids.add(sid))) {
                throw new IllegalArgumentException("Sid '" + sid + "' is not alphanumeric or not unique");
            }
            String effect = node.path("Effect").asText();
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                throw new IllegalArgumentException(sid + ": Effect must be Allow or Deny, not '" + effect + "'");
            }
            List<String> actions = strings(node.get("Action"), sid + ": Action");
            for (String action : actions) {
                if (!action.equals("*") && !ACTION.matcher(action).matches()) {
                    throw new IllegalArgumentException(sid + ": not an action: " + action);
                }
            }
            List<String> resources = strings(node.get("Resource"), sid + ": Resource");
            for (String resource : resources) {
                if (!resource.equals("*") && !(resource.startsWith("arn:") && resource.split(":", 6).length == 6)) {
                    throw new IllegalArgumentException(sid + ": not an ARN: " + resource);
                }
            }
            statements.add(new Statement(sid, effect.equals("Allow"), actions, resources, conditions(node.get("Condition"), sid)));
        }
        return new IamPolicyEvaluator(statements);
    }

    /** Whether the policy allows this one permission. */
    public boolean allows(Permission permission) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (matches(statement, permission)) {
                if (!statement.allow()) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    private static boolean matches(Statement statement, Permission permission) {
        return statement.actions().stream().anyMatch(a -> wildcard(a.toLowerCase(Locale.ROOT), permission.action().toLowerCase(Locale.ROOT)))
                && statement.resources().stream().anyMatch(r -> wildcard(r, permission.resource()))
                && statement.conditions().entrySet().stream().allMatch(c -> condition(c.getKey(), c.getValue(), permission.context()));
    }

    private static boolean condition(String operator, Map<String, List<String>> keys, Map<String, String> context) {
        boolean ifExists = operator.endsWith("IfExists");
        String base = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
        for (Map.Entry<String, List<String>> key : keys.entrySet()) {
            String value = context.get(key.getKey());
            if (value == null) {
                if (!ifExists) {
                    return false; // a condition on a key the request does not have is false
                }
                continue;
            }
            boolean any = key.getValue().stream().anyMatch(expected -> switch (base) {
                case "StringEquals", "ArnEquals" -> expected.equals(value);
                default -> wildcard(expected, value); // StringLike, ArnLike
            });
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** IAM's glob: {@code *} any run of characters (slashes and colons too), {@code ?} one character. */
    static boolean wildcard(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
    }

    private static List<String> strings(JsonNode node, String what) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isTextual()) {
            values.add(node.asText());
        } else if (node != null && node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing or empty");
        }
        return values;
    }

    private static Map<String, Map<String, List<String>>> conditions(JsonNode node, String sid) {
        Map<String, Map<String, List<String>>> conditions = new java.util.LinkedHashMap<>();
        if (node == null) {
            return conditions;
        }
        node.fields().forEachRemaining(operator -> {
            String base = operator.getKey().replaceFirst("IfExists$", "");
            if (!OPERATORS.contains(base)) {
                throw new IllegalArgumentException(sid + ": condition operator " + operator.getKey() + " is not modelled");
            }
            Map<String, List<String>> keys = new java.util.LinkedHashMap<>();
            operator.getValue().fields().forEachRemaining(key -> keys.put(key.getKey(), strings(key.getValue(), sid + ": " + key.getKey())));
            conditions.put(operator.getKey(), keys);
        });
        return conditions;
    }
}
