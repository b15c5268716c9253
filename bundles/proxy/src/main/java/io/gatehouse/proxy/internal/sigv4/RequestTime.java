package io.gatehouse.proxy.internal.sigv4;

import io.gatehouse.api.exchange.Headers;
import io.gatehouse.proxy.internal.sigv4.SigV4Exception.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The time a SigV4 signature covers: the {@code X-Amz-Date} header ({@code yyyyMMdd'T'HHmmss'Z'}) or, without it,
 * the HTTP {@code Date} header. Either must be one of the signed headers.
 *
 * @param instant the request time
 * @param signed the request time as it enters the string to sign, {@code yyyyMMdd'T'HHmmss'Z'}
 */
record RequestTime(Instant instant, String signed) {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    /**
     * @param headers the request headers
     * @param authorization the parsed authorization: its signed headers must include the date header used
     * @return the request time
     * @throws SigV4Exception {@link Reason#MALFORMED} when no date header is present, it is not signed or does not
     *         parse, or the credential-scope date differs from the request date
     */
    static RequestTime of(Headers headers, SigV4Authorization authorization) throws SigV4Exception {
        RequestTime time = headers.contains("x-amz-date")
                ? parse(headers, "x-amz-date", BASIC, authorization)
                : parse(headers, "date", DateTimeFormatter.RFC_1123_DATE_TIME, authorization);
        String requestDate = time.signed().substring(0, 8);
        if (!requestDate.equals(authorization.date())) {
            throw new SigV4Exception(Reason.MALFORMED, "Date in Credential scope does not match YYYYMMDD from "
                    + "ISO-8601 version of date from HTTP: '" + authorization.date() + "' != '" + requestDate
                    + "', from '" + time.signed() + "'.");
        }
        return time;
    }

    /**
     * @param now the current time
     * @param maxSkew how far the request time may lie from now, either way
     * @throws SigV4Exception {@link Reason#EXPIRED} when the request time lies further than {@code maxSkew} from now
     */
    void checkSkew(Instant now, Duration maxSkew) throws SigV4Exception {
        Instant current = now.truncatedTo(ChronoUnit.SECONDS);
        if (instant.isBefore(current.minus(maxSkew))) {
            throw new SigV4Exception(Reason.EXPIRED, "Signature expired: " + signed + " is now earlier than "
                    + format(current.minus(maxSkew)) + " (" + format(current) + " - " + describe(maxSkew) + ")");
        }
        if (instant.isAfter(current.plus(maxSkew))) {
            throw new SigV4Exception(Reason.EXPIRED, "Signature not yet current: " + signed + " is still later than "
                    + format(current.plus(maxSkew)) + " (" + format(current) + " + " + describe(maxSkew) + ")");
        }
    }

    private static RequestTime parse(Headers headers, String name, DateTimeFormatter format,
                                     SigV4Authorization authorization) throws SigV4Exception {
        List<String> values = headers.all(name);
        if (values.isEmpty()) {
            throw malformed("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (values.size() > 1 || !authorization.signedHeaders().contains(name)) {
            throw malformed("The '" + name + "' header must be sent exactly once and listed in SignedHeaders.");
        }
        try {
            Instant instant = ZonedDateTime.parse(values.get(0).strip(), format).toInstant();
            return new RequestTime(instant, format(instant));
        } catch (DateTimeParseException e) {
            throw malformed("The '" + name + "' header is not a valid date"
                    + (format == BASIC ? " of the form yyyyMMdd'T'HHmmss'Z'." : " (RFC 1123)."));
        }
    }

    private static String format(Instant instant) {
        return BASIC.format(instant);
    }

    private static String describe(Duration skew) {
        return skew.toSeconds() % 60 == 0 ? skew.toMinutes() + " min." : skew.toSeconds() + " sec.";
    }

    private static SigV4Exception malformed(String message) {
        return new SigV4Exception(Reason.MALFORMED, message);
    }
}
