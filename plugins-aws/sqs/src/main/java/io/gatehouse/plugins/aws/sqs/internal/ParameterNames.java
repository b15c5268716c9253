package io.gatehouse.plugins.aws.sqs.internal;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.api.adapter.DecodeException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses parameter names that only their case tells apart from another name, or from a name Gatehouse reads.
 * Whether SQS matches parameter names case-sensitively is not documented; if it did not, {@code queueurl=B} beside
 * (or instead of) {@code QueueUrl=A} would be read as another queue than the one policy decided on.
 */
final class ParameterNames {

    /** The top-level names Gatehouse reads, in their one accepted spelling. */
    static final Set<String> READ = Set.of("Action", "Version", "QueueUrl", "QueueName", "QueueOwnerAWSAccountId",
            "SourceArn", "DestinationArn", "Entries", "MaxNumberOfMessages", "VisibilityTimeout", "WaitTimeSeconds",
            "DelaySeconds", "MaxResults", "MaxNumberOfMessagesPerSecond", "QueueNamePrefix", "MessageGroupId");

    private ParameterNames() {
    }

    /**
     * @param names the names of a call's parameters (query protocol) or top-level members (JSON protocol)
     * @param duplicateCode the error code for two names that differ only in case
     */
    static void requireExactCase(Collection<String> names, String duplicateCode) throws DecodeException {
        Map<String, String> byLowerCase = new HashMap<>();
        List<String> prefixes = List.copyOf(SqsActions.BATCH_ENTRY_PREFIX.values());
        for (String name : names) {
            String earlier = byLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (earlier != null) {
                throw new DecodeException(duplicateCode, "Parameters '" + Printable.of(earlier) + "' and '"
                        + Printable.of(name) + "' differ only in case; send one");
            }
            for (String read : READ) {
                if (name.equalsIgnoreCase(read) && !name.equals(read)) {
                    throw misspelt(name, read);
                }
            }
            for (String prefix : prefixes) {
                if (name.regionMatches(true, 0, prefix, 0, prefix.length()) && !name.startsWith(prefix)) {
                    throw misspelt(name, prefix + "...");
                }
            }
        }
    }

    private static DecodeException misspelt(String name, String expected) {
        return new DecodeException(DecodeException.VALIDATION, "Parameter '" + Printable.of(name)
                + "' must be spelled '" + expected + "'");
    }
}
