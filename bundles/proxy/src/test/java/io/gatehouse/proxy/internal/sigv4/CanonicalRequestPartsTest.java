package io.gatehouse.proxy.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.exchange.Headers;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Edge cases of the canonical URI, query and headers beyond what the AWS test suite covers. */
class CanonicalRequestPartsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                | dynamodb | /",
        "/                 | dynamodb | /",
        "/a/b/../c         | dynamodb | /a/c",
        "/a/b/..           | dynamodb | /a",
        "/a/b/../          | dynamodb | /a/",
        "/../a             | dynamodb | /a",
        "/a/./b/.          | dynamodb | /a/b",
        "/a//../b          | dynamodb | /b",
        "/a%20b/%2F/c      | dynamodb | /a%2520b/%252F/c",
        "/a~b%7E%2f        | dynamodb | /a~b%257E%252f",
        "//a//b/../c/./d/  | dynamodb | /a/c/d/",
        "//a//b/../c/./d/  | s3       | //a//b/../c/./d/",
        "/a%20b/%2F/c      | s3       | /a%20b/%2F/c",
        "/a~b%7E%2f        | s3       | /a~b%7E%2f",
        "/a b/ü            | s3       | /a%20b/%C3%BC",
        "/100%             | s3       | /100%25",
        "''                | s3       | /"
    })
    void canonicalUri(String rawPath, String service, String expected) {
        assertThat(CanonicalUri.of(rawPath, service)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                     | ''",
        "acl                    | acl=",
        "b=2&a=1&a=0            | a=0&a=1&b=2",
        "a+b=c+d                | a%2Bb=c%2Bd",
        "x=a%20b&x=a b          | x=a%20b&x=a%20b",
        "k=%2f%7E%C3%BC         | k=%2F~%C3%BC",
        "a=1&&b=2&              | a=1&b=2",
        "e=&d                   | d=&e=",
        "B=1&a=1                | B=1&a=1",
        "p=100%                 | p=100%25"
    })
    void canonicalQuery(String rawQuery, String expected) {
        assertThat(CanonicalQuery.of(rawQuery)).isEqualTo(expected);
    }

    @Test
    void canonicalHeadersTrimCollapseAndJoinInArrivalOrder() {
        Headers headers = Headers.builder().add("Host", "h").add("X-A", "  two   words\there ").add("x-a", "second")
                .add("X-Empty", "").add("X-Fold", "one\r\n   two\n\tthree").build();

        assertThat(CanonicalHeaders.of(headers, List.of("host", "x-a", "x-empty", "x-fold")))
                .isEqualTo("host:h\nx-a:two words here,second\nx-empty:\nx-fold:one,two,three\n");
    }

    @Test
    void aSignedHeaderThatIsAbsentCannotBeCanonicalised() {
        Headers headers = Headers.builder().add("Host", "h").build();

        assertThat(CanonicalHeaders.firstAbsent(headers, List.of("host", "x-missing"))).contains("x-missing");
        assertThatThrownBy(() -> CanonicalHeaders.of(headers, List.of("host", "x-missing")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
