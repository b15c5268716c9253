package io.gatehouse.proxy.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.sigv4.SigV4Exception.Reason;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Fuzz targets of the SigV4 parsing that runs on every request before anything is verified: the
 * {@code Authorization} header parser and the canonical URI and query string. Under a normal build they run the
 * committed seeds in {@code SigV4ParsingFuzzTestInputs/<method>/} (regression mode); with {@code JAZZER_FUZZ=1}
 * Jazzer mutates them (see the module README). Inputs are read as UTF-8 text (malformed bytes replaced).
 *
 * <p>Invariants: the header parser refuses only with the documented {@link SigV4Exception} reasons, and what it
 * accepts is a well-formed authorization that reads the same once written out again; the canonical forms throw
 * nothing, use only unreserved characters and upper-case escapes, and are fixed points (canonicalising twice
 * changes nothing).
 */
class SigV4ParsingFuzzTest {

    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");

    /** Lines: the Authorization header, then the raw query (presigned-URL detection). */
    @FuzzTest(maxDuration = "2m")
    void authorizationHeader(byte[] data) {
        String[] lines = text(data).split("\n", 2);
        String header = lines[0];
        String rawQuery = lines.length > 1 ? lines[1] : "";
        RequestView request = new RequestView("GET", "/", rawQuery,
                Headers.builder().add("Authorization", header).build(), Body.empty());
        SigV4Authorization parsed;
        try {
            parsed = SigV4Authorization.parse(request);
        } catch (SigV4Exception e) {
            assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(400);
            return;
        }
        assertThat(parsed.signature()).matches(SIGNATURE);
        assertThat(parsed.date()).matches("\\d{8}");
        assertThat(parsed.signedHeaders()).contains("host").isSorted().doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).isNotEmpty().isLowerCase());
        assertThat(parsed.accessKeyId()).isNotEmpty().doesNotContain("/");
        assertThat(parsed.region()).isNotEmpty().doesNotContain("/");
        assertThat(parsed.service()).isNotEmpty().doesNotContain("/");
        String written = SigV4Authorization.ALGORITHM + " Credential=" + parsed.accessKeyId() + "/"
                + parsed.credentialScope() + ", SignedHeaders=" + String.join(";", parsed.signedHeaders())
                + ", Signature=" + parsed.signature();
        try {
            assertThat(SigV4Authorization.parse(written)).as("written out again").isEqualTo(parsed);
        } catch (SigV4Exception e) {
            throw new AssertionError("an accepted header written out again is refused: " + e.getMessage(), e);
        }
    }

    /** Lines: the raw path, then the raw query. */
    @FuzzTest(maxDuration = "2m")
    void canonicalUriAndQuery(byte[] data) {
        String[] lines = text(data).split("\n", 2);
        String rawPath = lines[0];
        String rawQuery = lines.length > 1 ? lines[1] : "";

        String s3 = CanonicalUri.of(rawPath, "s3");
        assertThat(isEncoded(s3, true, false)).as("S3 canonical URI %s", s3).isTrue();
        assertThat(CanonicalUri.of(s3, "s3")).as("S3 canonical URI is a fixed point").isEqualTo(s3);
        // other services encode the sent path once more by design (/a%20b becomes /a%2520b): no fixed point
        String other = CanonicalUri.of(rawPath, "dynamodb");
        assertThat(isEncoded(other, true, true)).as("canonical URI %s", other).isTrue();
        assertThat(other).startsWith("/").doesNotContain("//");
        String normalized = CanonicalUri.normalize(rawPath.startsWith("/") ? rawPath : "/" + rawPath);
        assertThat(CanonicalUri.normalize(normalized)).isEqualTo(normalized);

        String query = CanonicalQuery.of(rawQuery);
        assertThat(CanonicalQuery.of(query)).as("canonical query is a fixed point").isEqualTo(query);
        if (!query.isEmpty()) {
            for (String piece : query.split("&", -1)) {
                String[] nameValue = piece.split("=", -1);
                assertThat(nameValue).as("piece %s", piece).hasSize(2);
                assertThat(isEncoded(nameValue[0], false, true)).as("name in %s", piece).isTrue();
                assertThat(isEncoded(nameValue[1], false, true)).as("value in %s", piece).isTrue();
            }
        }
    }

    /**
     * Whether {@code text} holds only unreserved characters ({@code A-Z a-z 0-9 - _ . ~}), {@code /} where allowed,
     * and {@code %XX} escapes (upper-case hex where required). A loop, not a regex: Java's regex engine recurses per
     * repetition of an alternation and overflows the stack on long inputs (found by fuzzing this very check).
     */
    private static boolean isEncoded(String text, boolean slash, boolean upperHex) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || !isHex(text.charAt(i + 1), upperHex)
                        || !isHex(text.charAt(i + 2), upperHex)) {
                    return false;
                }
                i += 2;
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
                    || c == '_' || c == '.' || c == '~' || slash && c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c, boolean upperOnly) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || !upperOnly && c >= 'a' && c <= 'f';
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
