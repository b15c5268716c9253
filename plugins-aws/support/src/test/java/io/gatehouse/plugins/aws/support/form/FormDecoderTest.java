package io.gatehouse.plugins.aws.support.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.api.adapter.DecodeException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict form decoder: what it decodes, what it refuses, and a round trip over random text. */
class FormDecoderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "a+b|a b",
        "a%20b|a b",
        "%2B|+",
        "%E2%82%AC|\u20ac",
        "%F0%9F%98%80|\ud83d\ude00",
        "http%3A%2F%2F127.0.0.1%3A9324%2F000000000000%2Fq|http://127.0.0.1:9324/000000000000/q",
        "a*b~c-d_e.f|a*b~c-d_e.f",
        "%2a%2A|**"})
    void decodesValues(String encoded, String decoded) throws DecodeException {
        assertThat(FormDecoder.decode("Name=" + encoded, "test")).containsExactly(Map.entry("Name", decoded));
    }

    @Test
    void keepsOrderAndEmptyValues() throws DecodeException {
        assertThat(FormDecoder.decode("b=2&a=&c=3", "test")).containsExactly(Map.entry("b", "2"), Map.entry("a", ""),
                Map.entry("c", "3"));
        assertThat(FormDecoder.decode("", "test")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a=%|not followed by two hex digits",
        "a=%4|not followed by two hex digits",
        "a=%g0|not followed by two hex digits",
        "a=%C3|not valid UTF-8",
        "a=%ED%A0%80|not valid UTF-8",
        "a=%C0%AF|not valid UTF-8",
        "a=1&a=2|twice",
        "a=1&%61=2|twice",
        "a=1&|empty parameter",
        "&a=1|empty parameter",
        "a|without '='",
        "=1|without a name",
        "a=b\tc|must be percent-encoded"})
    void refuses(String raw, String message) {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> FormDecoder.decode(raw, "The body"));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.errorCode()).isEqualTo(FormDecoder.MALFORMED);
        assertThat(e.getMessage()).startsWith("The body ").contains(message);
    }

    /** What the JDK's encoder writes, the decoder reads back exactly, for any Unicode text. */
    @Test
    void roundTripsRandomText() throws DecodeException {
        Random random = new Random(20261125);
        for (int run = 0; run < 2000; run++) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (int i = random.nextInt(5); i >= 0; i--) {
                pairs.put("P" + i + randomText(random), randomText(random));
            }
            StringBuilder encoded = new StringBuilder();
            pairs.forEach((name, value) -> encoded.append(encoded.length() == 0 ? "" : "&")
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));

            assertThat(FormDecoder.decode(encoded.toString(), "test")).as(encoded.toString()).isEqualTo(pairs);
        }
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int codePoint;
            do {
                codePoint = random.nextInt(4) == 0 ? random.nextInt(0x10000) : 0x20 + random.nextInt(0x5f);
            } while (Character.isSurrogate((char) codePoint));
            text.appendCodePoint(random.nextInt(50) == 0 ? 0x1f600 + random.nextInt(50) : codePoint);
        }
        return text.toString();
    }
}
