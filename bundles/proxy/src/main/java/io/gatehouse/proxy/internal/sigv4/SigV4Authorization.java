package io.gatehouse.proxy.internal.sigv4;

import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.sigv4.SigV4Exception.Reason;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The parsed SigV4 {@code Authorization} header of a request:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date,
 * Signature=hex}. Parsing checks the form only; {@link SigV4Verifier} checks the signature.
 *
 * @param accessKeyId the access key id the client signed with
 * @param date the credential-scope date, {@code yyyyMMdd}
 * @param region the credential-scope region, e.g. {@code us-east-1}
 * @param service the credential-scope service signing name, e.g. {@code dynamodb}
 * @param signedHeaders the lower-case, sorted names of the headers the signature covers; always contains {@code host}
 * @param signature the signature, 64 lower-case hex digits
 */
public record SigV4Authorization(String accessKeyId, String date, String region, String service,
                                 List<String> signedHeaders, String signature) {

    /** The only signing algorithm accepted. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** The terminator of every SigV4 credential scope. */
    public static final String TERMINATOR = "aws4_request";

    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DATE = Pattern.compile("\\d{8}");
    private static final List<String> PARTS = List.of("Credential", "SignedHeaders", "Signature");

    /** Validates that no component is null and copies the header list. */
    public SigV4Authorization {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        signedHeaders = List.copyOf(signedHeaders);
        Objects.requireNonNull(signature, "signature");
    }

    /** @return the credential scope, {@code date/region/service/aws4_request} */
    public String credentialScope() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    /**
     * Reads the {@code Authorization} header of a request.
     *
     * @param request the request as received
     * @return the parsed authorization
     * @throws SigV4Exception {@link Reason#MISSING} without an {@code Authorization} header (and without an
     *         {@code X-Amz-Signature} query parameter); {@link Reason#MALFORMED} when the header cannot be parsed:
     *         wrong algorithm, missing parts, bad scope terminator, signed headers not sorted or not lower case,
     *         {@code host} not signed, signature not 64 lower-case hex digits; {@link Reason#UNSUPPORTED} for
     *         presigned URLs (query-string authentication)
     */
    public static SigV4Authorization parse(RequestView request) throws SigV4Exception {
        List<String> values = request.headers().all("Authorization");
        if (values.isEmpty()) {
            throw absent(request.rawQuery());
        }
        if (values.size() > 1) {
            throw malformed("The request carries more than one Authorization header; send exactly one.");
        }
        return parse(values.get(0));
    }

    /**
     * Parses the value of an {@code Authorization} header.
     *
     * @param header the header value
     * @return the parsed authorization
     * @throws SigV4Exception {@link Reason#MALFORMED} as for {@link #parse(RequestView)}
     */
    public static SigV4Authorization parse(String header) throws SigV4Exception {
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!ALGORITHM.equals(algorithm)) {
            throw malformed("Unsupported Authorization algorithm '" + shorten(algorithm) + "': sign requests with "
                    + ALGORITHM + " (Signature Version 4).");
        }
        Map<String, String> parts = parts(space < 0 ? "" : trimmed.substring(space + 1));
        String[] credential = credential(parts.get("Credential"));
        return new SigV4Authorization(credential[0], credential[1], credential[2], credential[3],
                signedHeaders(parts.get("SignedHeaders")), signature(parts.get("Signature")));
    }

    private static SigV4Exception absent(String rawQuery) {
        boolean presigned = Arrays.stream(rawQuery.split("&")).anyMatch(p -> p.startsWith("X-Amz-Signature="));
        return presigned
                ? new SigV4Exception(Reason.UNSUPPORTED, "Presigned URLs (query-string authentication) are not "
                        + "supported by this gateway yet; sign the request with an Authorization header.")
                : new SigV4Exception(Reason.MISSING, "Missing Authentication Token: the request has no "
                        + "Authorization header. Sign it with AWS Signature Version 4.");
    }

    private static Map<String, String> parts(String rest) throws SigV4Exception {
        Map<String, String> parts = new HashMap<>();
        for (String part : rest.split(",")) {
            String[] nameValue = part.strip().split("=", 2);
            boolean known = nameValue.length == 2 && PARTS.contains(nameValue[0]);
            if (!known || parts.put(nameValue[0], nameValue[1]) != null) {
                throw malformed("Authorization header part '" + shorten(part.strip()) + "' is not one of "
                        + "Credential=..., SignedHeaders=..., Signature=... (each exactly once).");
            }
        }
        for (String name : PARTS) {
            if (!parts.containsKey(name)) {
                throw malformed("Authorization header requires '" + name + "' parameter.");
            }
        }
        return parts;
    }

    private static String[] credential(String credential) throws SigV4Exception {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || Arrays.stream(scope).anyMatch(String::isEmpty) || !DATE.matcher(scope[1]).matches()) {
            throw malformed("Credential must have the form ACCESS_KEY_ID/yyyyMMdd/REGION/SERVICE/" + TERMINATOR
                    + "; got '" + shorten(credential) + "'.");
        }
        if (!TERMINATOR.equals(scope[4])) {
            throw malformed("Credential should be scoped with a valid terminator: '" + TERMINATOR + "', not '"
                    + shorten(scope[4]) + "'.");
        }
        return scope;
    }

    private static List<String> signedHeaders(String value) throws SigV4Exception {
        List<String> names = List.of(value.split(";", -1));
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean ordered = i == 0 || names.get(i - 1).compareTo(name) < 0;
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || !ordered) {
                throw malformed("SignedHeaders must list distinct lower-case header names sorted and separated by "
                        + "';'; got '" + shorten(value) + "'.");
            }
        }
        if (!names.contains("host")) {
            throw malformed("SignedHeaders must include 'host'.");
        }
        return names;
    }

    private static String signature(String value) throws SigV4Exception {
        if (!SIGNATURE.matcher(value).matches()) {
            throw malformed("Signature must be 64 lower-case hexadecimal digits.");
        }
        return value;
    }

    private static SigV4Exception malformed(String message) {
        return new SigV4Exception(Reason.MALFORMED, message);
    }

    /** Echoes caller input in messages, but never at length. */
    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
