package io.gatehouse.plugins.aws.sqs.internal;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.api.adapter.DecodeException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The request parameters policy conditions may test, as text: integers in canonical decimal (a query-protocol
 * {@code 010} is {@code 10}, as SQS reads it), a few strings as given, and {@value #ITEM_COUNT} for batch calls.
 * An integer parameter that is not an integer is refused, so a condition never compares against something SQS
 * would read differently.
 */
final class KeyParameters {

    /** The number of entries in a batch call. */
    static final String ITEM_COUNT = "ItemCount";

    private static final List<String> INTEGERS = List.of("MaxNumberOfMessages", "VisibilityTimeout",
            "WaitTimeSeconds", "DelaySeconds", "MaxResults", "MaxNumberOfMessagesPerSecond");
    private static final List<String> STRINGS = List.of("QueueNamePrefix", "MessageGroupId");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

    private KeyParameters() {
    }

    static Map<String, String> of(SqsCall call) throws DecodeException {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : INTEGERS) {
            String value = call.value(name);
            if (value != null) {
                if (!INTEGER.matcher(value).matches()) {
                    throw new DecodeException(DecodeException.VALIDATION,
                            name + " '" + Printable.of(value) + "' must be an integer");
                }
                parameters.put(name, new BigInteger(value).toString());
            }
        }
        for (String name : STRINGS) {
            String value = call.value(name);
            if (value != null) {
                parameters.put(name, value);
            }
        }
        if (call.entries() >= 0) {
            parameters.put(ITEM_COUNT, Integer.toString(call.entries()));
        }
        return parameters;
    }
}
