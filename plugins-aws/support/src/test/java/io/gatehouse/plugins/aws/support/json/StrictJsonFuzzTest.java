package io.gatehouse.plugins.aws.support.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzz target of the strict JSON reader every JSON adapter decides on ({@link StrictJson}). Under a normal build it
 * runs the committed seeds in {@code StrictJsonFuzzTestInputs/readObject/} (regression mode); with
 * {@code JAZZER_FUZZ=1} Jazzer mutates them (see the module README). The input is the raw body, bytes as sent.
 *
 * <p>Invariants: {@code readObject} refuses only with {@link DecodeException} {@code SerializationException} and a
 * bounded message naming the document; it is deterministic; it accepts exactly what a plain streaming parser (no
 * duplicate detection, no depth limit of its own) sees as one well-formed JSON object in strict UTF-8, with no
 * duplicate member name in any object, nested at most {@link #MAX_DEPTH} levels and followed by nothing; what it
 * accepts writes out and reads back to the same tree (numbers: the same value and digits; {@code 14e00} comes back
 * as the integer {@code 14}), and writing is then a fixed point.
 */
class StrictJsonFuzzTest {

    /** Small, so that mutations reach the limit. */
    private static final int MAX_DEPTH = 8;
    private static final StrictJson JSON = new StrictJson(MAX_DEPTH);
    private static final JsonFactory PLAIN = JsonFactory.builder().build();
    /** Equal nodes, numbers compared by value (scale included: 2.50 is not 2.5). */
    private static final Comparator<JsonNode> SAME_VALUES = (a, b) -> a.isNumber() && b.isNumber()
            ? (a.decimalValue().equals(b.decimalValue()) ? 0 : 1) : (a.equals(b) ? 0 : 1);

    @FuzzTest(maxDuration = "2m")
    void readObject(byte[] data) throws DecodeException {
        Optional<ObjectNode> read = readOrRefuse(data);
        assertThat(readOrRefuse(data)).as("deterministic").isEqualTo(read);
        String refusal = referenceRefusal(data);
        if (refusal != null) {
            assertThat(read).as("the reference refuses it: %s", refusal).isEmpty();
            return;
        }
        assertThat(read).as("one strict JSON object within the limits").isPresent();
        ObjectNode root = read.get();
        assertThat(depth(root)).isLessThanOrEqualTo(MAX_DEPTH);

        byte[] written = JSON.write(root);
        ObjectNode again = JSON.readObject(written, "Written body");
        // numbers keep their value and digits, not always their JSON type: 14e00 is written 14 and read back as an int
        assertThat(again.equals(SAME_VALUES, root)).as("written and read again: %s", again).isTrue();
        assertThat(JSON.write(again)).as("writing is a fixed point").isEqualTo(written);
    }

    private static Optional<ObjectNode> readOrRefuse(byte[] data) {
        try {
            return Optional.of(JSON.readObject(data, "Body"));
        } catch (DecodeException e) {
            assertThat(e.errorCode()).isEqualTo(DecodeException.SERIALIZATION);
            assertThat(e.getMessage()).startsWith("Body ").hasSizeLessThan(400);
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new AssertionError("an undocumented exception escaped StrictJson.readObject", e);
        }
    }

    /**
     * @return why the document is not one strict JSON object within the limits, or null when it is: a simple
     *         reference over a plain Jackson streaming parser, with its own duplicate and depth bookkeeping
     */
    private static String referenceRefusal(byte[] data) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return "not UTF-8";
        }
        try (JsonParser parser = PLAIN.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return "not an object";
            }
            Deque<Set<String>> names = new ArrayDeque<>();
            names.push(new HashSet<>());
            int depth = 1;
            int maxDepth = 1;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return "truncated";
                }
                switch (token) {
                    case START_OBJECT -> {
                        names.push(new HashSet<>());
                        maxDepth = Math.max(maxDepth, ++depth);
                    }
                    case START_ARRAY -> {
                        names.push(Set.of());
                        maxDepth = Math.max(maxDepth, ++depth);
                    }
                    case END_OBJECT, END_ARRAY -> {
                        names.pop();
                        depth--;
                    }
                    case FIELD_NAME -> {
                        if (!names.peek().add(parser.currentName())) {
                            return "duplicate member name";
                        }
                    }
                    case VALUE_NUMBER_INT -> parser.getBigIntegerValue();
                    case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
                    default -> {
                    }
                }
                if (maxDepth > MAX_DEPTH) {
                    return "nested too deep";
                }
            }
            if (parser.nextToken() != null) {
                return "trailing content";
            }
            return null;
        } catch (JsonProcessingException e) {
            return "malformed: " + e.getOriginalMessage();
        } catch (NumberFormatException e) {
            // a number no BigDecimal can hold (exponent beyond the int range); Jackson throws it unwrapped
            return "number out of range";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            deepest = Math.max(deepest, depth(children.next()));
        }
        return 1 + deepest;
    }
}
