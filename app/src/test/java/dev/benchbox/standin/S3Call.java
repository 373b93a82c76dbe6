package dev.benchbox.standin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a path-style S3 request by its REST API operation (method, path and sub-resource) and records the members
 * that say what it touched ({@code Bucket}, {@code Key}, a listing's {@code Prefix}, the keys of a DeleteObjects), as
 * {@link RecordedRequest} does for the JSON services, and {@code AccessKeyId}: the key it was signed with, which
 * tells the shell's own calls from those of a job run's stand-in executor ({@link AwsStandIn#JOB_ACCESS_KEY}).
 */
final class S3Call {
    private static final Pattern DELETE_KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/,\\s%]+)(?:/|%2F)");

    private S3Call() {
    }

    static RecordedRequest of(String method, URI uri, Headers headers, byte[] body) {
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String[] parts = path.substring(path.startsWith("/") ? 1 : 0).split("/", 2);
        String bucket = decode(parts[0]);
        String key = parts.length > 1 && !parts[1].isEmpty() ? decode(parts[1]) : null;
        Map<String, String> query = query(uri.getRawQuery());
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        if (!bucket.isEmpty()) {
            input.put("Bucket", bucket);
        }
        if (key != null) {
            input.put("Key", key);
        }
        String authorization = headers.getFirst("Authorization");
        // a header signature, or a presigned URL's X-Amz-Credential
        Matcher signer = ACCESS_KEY.matcher((authorization == null ? "" : authorization) + " " + (uri.getRawQuery() == null ? "" : uri.getRawQuery()));
        if (signer.find()) {
            input.put("AccessKeyId", signer.group(1));
        }
        String operation = key == null ? bucketOperation(method, query, input, body) : objectOperation(method, query, headers);
        return new RecordedRequest(Service.S3, operation, input);
    }

    private static String bucketOperation(String method, Map<String, String> query, ObjectNode input, byte[] body) {
        switch (method) {
            case "HEAD":
                return "HeadBucket";
            case "GET":
                if (query.containsKey("location")) {
                    return "GetBucketLocation";
                }
                if (query.containsKey("uploads")) {
                    return "ListMultipartUploads";
                }
                if (query.containsKey("prefix")) {
                    input.put("Prefix", query.get("prefix"));
                }
                return query.containsKey("list-type") ? "ListObjectsV2" : "ListObjects";
            case "POST":
                if (query.containsKey("delete")) {
                    Matcher m = DELETE_KEY.matcher(new String(body, StandardCharsets.UTF_8));
                    var keys = input.putArray("Delete");
                    while (m.find()) {
                        keys.add(m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
                    }
                    return "DeleteObjects";
                }
                return "PostBucket";
            case "PUT":
                return "CreateBucket";
            case "DELETE":
                return "DeleteBucket";
            default:
                return method + "Bucket";
        }
    }

    private static String objectOperation(String method, Map<String, String> query, Headers headers) {
        boolean upload = query.containsKey("uploadId");
        return switch (method) {
            case "HEAD" -> "HeadObject";
            case "GET" -> upload ? "ListParts" : "GetObject";
            case "PUT" -> upload ? (headers.containsKey("x-amz-copy-source") ? "UploadPartCopy" : "UploadPart")
                    : headers.containsKey("x-amz-copy-source") ? "CopyObject" : "PutObject";
            case "POST" -> query.containsKey("uploads") ? "CreateMultipartUpload" : upload ? "CompleteMultipartUpload" : "PostObject";
            case "DELETE" -> upload ? "AbortMultipartUpload" : "DeleteObject";
            default -> method + "Object";
        };
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
